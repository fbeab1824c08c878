package io.meshkit.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.warehouse.Warehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The bundled mixins as a tool's subcommand sees them, and the component that closes its warehouse. */
class CommandOptionsTest {
    @Command(name = "tool", subcommands = Work.class)
    static final class Tool extends ToolCommand {
        /** {@code tool plain [-v]}: a command without --format. */
        @Command(name = "plain")
        int plain(@Mixin ConsoleOptions console) {
            console.out().println(console.verbose() ? "verbose" : "quiet");
            return 0;
        }
    }

    @Command(name = "work")
    @Formats({OutputFormat.TEXT, OutputFormat.JSON})
    static final class Work implements Callable<Integer> {
        @Mixin
        WarehouseCommandOptions options;

        @Override
        public Integer call() {
            OutputFormat f = options.format();
            options.out().println(f.cliName() + " in " + options.config().warehouseUri());
            options.err().println("a note");
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = CliSupport.configure(new CommandLine(new Tool()));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void nestedMixinsPrintWhereTheCommandLinePrints() {
        assertThat(run("work", "--format", "json", "--warehouse", "duckdb::memory:")).isZero();
        assertThat(out.toString()).isEqualTo("json in duckdb::memory:" + System.lineSeparator());
        assertThat(err.toString()).isEqualTo("a note" + System.lineSeparator());
        out.getBuffer().setLength(0);
        assertThat(run("plain", "-v")).isZero();
        assertThat(out.toString()).isEqualTo("verbose" + System.lineSeparator());
    }

    @Test
    void badOptionsOfTheBundleNameTheCommand() {
        assertThat(run("work", "--wait", "9999")).isEqualTo(2);
        assertThat(err.toString()).contains("error: Cannot use --wait 9999: give 0..3600 seconds").contains("Try 'tool work --help'");
        err.getBuffer().setLength(0);
        assertThat(run("work", "--format", "csv")).isEqualTo(2);
        assertThat(err.toString()).contains("error: Cannot print as csv: tool work prints text (default; table is the same), json");
    }

    @Test
    void aToolWithoutASubcommandPrintsItsUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString()).startsWith("Usage: tool ").contains("work", "plain");
    }

    /** A component whose warehouse counts how often it was closed. */
    private static CommandComponent component(AtomicInteger closed) {
        Warehouse warehouse = (Warehouse) Proxy.newProxyInstance(Warehouse.class.getClassLoader(), new Class<?>[] {Warehouse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return () -> warehouse;
    }

    @Test
    void theComponentClosesItsWarehouseAfterTheWorkWhetherItReturnsOrThrows() {
        AtomicInteger closed = new AtomicInteger();
        CommandComponent c = component(closed);
        assertThat(c.closing(() -> closed.get() == 0 ? "open while working" : "closed too early")).isEqualTo("open while working");
        assertThat(closed).hasValue(1);
        assertThatThrownBy(() -> c.closing(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(closed).hasValue(2);
    }
}
