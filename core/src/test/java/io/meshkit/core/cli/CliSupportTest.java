package io.meshkit.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
            format.require(OutputFormat.TEXT, OutputFormat.JSON);
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
        assertThat(err.toString()).contains("Cannot print as sarif: this command supports text, json");
        err.getBuffer().setLength(0);
        assertThat(run("--formt", "json")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option").contains("--format");
    }
}
