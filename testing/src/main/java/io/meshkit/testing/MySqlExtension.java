package io.meshkit.testing;

import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Gives tests a {@link TestingMySql} (one server per JVM, started once) and a fresh database per
 * test class ({@link MySqlDatabase}). Without a server the tests are skipped with the reason printed,
 * or fail when {@code -Dmeshkit.requireMysql=true}, so CI cannot go green by skipping them.
 *
 * <pre>
 * &#64;ExtendWith(MySqlExtension.class)
 * class SnapshotIT {
 *     &#64;Test void reads(MySqlDatabase db) throws Exception { try (var c = db.openConnection()) { ... } }
 * }
 * </pre>
 */
public final class MySqlExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MySqlExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestingMySql.class || type == MySqlDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestingMySql server = server(context);
        if (parameter.getParameter().getType() == TestingMySql.class) {
            return server;
        }
        // one database per test class, dropped when the class is done
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isPresent()
                ? context.getParent().orElse(context) : context;
        return classContext.getStore(NS).computeIfAbsent("database", k -> {
            try {
                return new MySqlDatabase(server, server.createDatabase());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create a test database on " + server.description() + ": " + e.getMessage(), e);
            }
        }, MySqlDatabase.class);
    }

    private static TestingMySql server(ExtensionContext context) {
        ServerHolder holder = context.getRoot().getStore(NS)
                .computeIfAbsent("server", k -> new ServerHolder(TestingMySql.find()), ServerHolder.class);
        if (holder.server.isEmpty()) {
            String reason = TestingMySql.unavailableReason();
            if (TestingMySql.required()) {
                throw new IllegalStateException(reason + " (and -D" + TestingMySql.REQUIRE_PROPERTY + "=true forbids skipping)");
            }
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
            throw new TestAbortedException(reason);
        }
        return holder.server.get();
    }

    /** Keeps the server for the whole JVM and stops it at the end. */
    private record ServerHolder(Optional<TestingMySql> server) implements AutoCloseable {
        @Override
        public void close() {
            server.ifPresent(TestingMySql::close);
        }
    }
}
