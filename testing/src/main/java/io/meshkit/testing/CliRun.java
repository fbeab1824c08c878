package io.meshkit.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * A command line run in-process, as a CLI test runs one: its exit code and what it wrote.
 *
 * @param exitCode the exit code
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error
 */
public record CliRun(int exitCode, String out, String err) {
    /** Runs {@code commandLine} with {@code args}, capturing its output. */
    public static CliRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
