package io.meshkit.core.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CliSupportTest {
    @Command(name = "demo")
    @Formats({OutputFormat.TEXT, OutputFormat.JSON})
    static final class Demo implements Callable<Integer> {
        @Mixin
        VerboseOption verbose;

        @Mixin
        FormatOption format;

        @Option(names = "--table")
        TableId table;

        @Option(names = "--fail")
        String fail;

        @Override
        public Integer call() {
            format.get();
            if ("user".equals(fail)) {
                throw new MeshkitException(ErrorCode.NO_SUCH_TABLE, "Cannot read table m.t: it does not exist");
            }
            if ("bug".equals(fail)) {
                throw new IllegalStateException("boom");
            }
            return 0;
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = CliSupport.configure(new CommandLine(new Demo()));
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        return cmd.execute(args);
    }

    @Test
    void userErrorsAreOneLineWithTheirExitCode() {
        assertThat(run("--fail", "user")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot read table m.t: it does not exist" + System.lineSeparator());
    }

    @Test
    void internalErrorsExitFourAndHideTheStackTraceUnlessVerbose() {
        assertThat(run("--fail", "bug")).isEqualTo(4);
        assertThat(err.toString()).startsWith("error: Internal error: IllegalStateException: boom (run with --verbose")
                .doesNotContain("\tat ");
        err.getBuffer().setLength(0);
        assertThat(run("--fail", "bug", "--verbose")).isEqualTo(4);
        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void jsonFormatPrintsErrorsAsJson() {
        assertThat(run("--fail", "user", "--format", "json")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "{\"error\":{\"code\":\"NO_SUCH_TABLE\",\"exitCode\":2,\"message\":\"Cannot read table m.t: it does not exist\"}}");
    }

    @Test
    void badArgumentsExitTwoWithAHint() {
        assertThat(run("--table", "nodot")).isEqualTo(2);
        assertThat(err.toString()).contains("error: ").contains("expected NAMESPACE.TABLE").contains("Try 'demo --help'");
        err.getBuffer().setLength(0);
        assertThat(run("--format", "sarif")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Cannot print as sarif: demo prints text (default; table is the same), json"
                + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(run("--formt", "json")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("--format");
    }

    @Test
    void theHelpListsTheFormatsTheCommandDeclaresAndItAcceptsThoseOnly() {
        CommandLine demo = CliSupport.configure(new CommandLine(new Demo()));
        assertThat(demo.getUsageMessage()).contains("--format=FORMAT", "Output format: text (default; table is the same), json.");
        assertThat((OutputFormat) demo.parseArgs("--format", "JSON").matchedOptionValue("--format", null)).isEqualTo(OutputFormat.JSON);
        assertThat(run("--format", "csv")).isEqualTo(2);
        assertThat(err.toString()).contains("error: Cannot print as csv: demo prints text (default; table is the same), json");
    }

    /** Where text is the default, table is the same: either name of the format for people works on every command. */
    @Test
    void whereTextIsTheDefaultTableIsTheSame() {
        CommandLine demo = CliSupport.configure(new CommandLine(new Demo()));
        assertThat((OutputFormat) demo.parseArgs("--format", "table").matchedOptionValue("--format", null)).isEqualTo(OutputFormat.TEXT);
        assertThat((OutputFormat) demo.parseArgs("--format", "text").matchedOptionValue("--format", null)).isEqualTo(OutputFormat.TEXT);
    }

    /** Prints nothing; exits with the ordinal of the format it would print. */
    @Command(name = "rows")
    static class Undeclared implements Callable<Integer> {
        @Override
        public Integer call() {
            return format.get().ordinal();
        }

        @Mixin
        FormatOption format;
    }

    /** The same with a table as its format for people. */
    @Formats({OutputFormat.TABLE, OutputFormat.CSV})
    static final class Rows extends Undeclared {}

    @Test
    void whereTableIsTheDefaultTextIsTheSameAndNoFormatMeansTheDefault() {
        CommandLine rows = CliSupport.configure(new CommandLine(new Rows()));
        assertThat(rows.getUsageMessage()).contains("Output format: table (default; text is the same), csv.");
        assertThat(rows.execute()).isEqualTo(OutputFormat.TABLE.ordinal());
        assertThat(rows.execute("--format", "text")).isEqualTo(OutputFormat.TABLE.ordinal());
        assertThat(rows.execute("--format", "csv")).isEqualTo(OutputFormat.CSV.ordinal());
    }

    @Test
    void aCommandWithFormatButNoFormatsFailsWhenItsCommandLineIsBuilt() {
        assertThatThrownBy(() -> CliSupport.configure(new CommandLine(new Undeclared())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rows has --format but does not declare its @Formats");
    }
}
