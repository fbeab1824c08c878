package io.meshkit.core.warehouse.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatementCacheTest {
    private final Set<PreparedStatement> closed = new HashSet<>();

    /** A statement that only records that it was closed. */
    private PreparedStatement statement() {
        PreparedStatement[] self = new PreparedStatement[1];
        self[0] = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed.add(self[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return self[0];
    }

    @Test
    void aStatementIsTakenOutWhileInUseAndKeptOncePerText() {
        StatementCache cache = new StatementCache();
        assertThat(cache.take("SELECT 1")).isNull();
        PreparedStatement first = statement();
        cache.giveBack("SELECT 1", first);
        assertThat(cache.take("SELECT 1")).isSameAs(first);
        assertThat(cache.take("SELECT 1")).isNull(); // in use: a second query of the text prepares its own
        PreparedStatement second = statement();
        cache.giveBack("SELECT 1", second);
        cache.giveBack("SELECT 1", first); // one of the text is kept already
        assertThat(closed).containsExactly(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedBeyondTheLimitAreClosed() {
        StatementCache cache = new StatementCache();
        List<PreparedStatement> all = new ArrayList<>();
        for (int i = 0; i < StatementCache.MAX; i++) {
            all.add(statement());
            cache.giveBack("SELECT " + i, all.get(i));
        }
        cache.giveBack("SELECT 0", cache.take("SELECT 0")); // used again: now the most recent
        PreparedStatement extra = statement();
        cache.giveBack("SELECT extra", extra);
        assertThat(cache.size()).isEqualTo(StatementCache.MAX);
        assertThat(closed).containsExactly(all.get(1));
        assertThat(cache.take("SELECT 0")).isSameAs(all.get(0));
    }

    @Test
    void closingClosesEveryKeptStatementAndThoseGivenBackLater() {
        StatementCache cache = new StatementCache();
        PreparedStatement kept = statement();
        PreparedStatement inUse = statement();
        cache.giveBack("a", kept);
        cache.close();
        cache.giveBack("b", inUse);
        assertThat(closed).containsExactlyInAnyOrder(kept, inUse);
        assertThat(cache.size()).isZero();
        assertThat(cache.take("a")).isNull();
    }
}
