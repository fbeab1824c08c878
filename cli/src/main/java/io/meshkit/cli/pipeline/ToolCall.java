package io.meshkit.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * One in-process call of a module command ({@code XxxCli.commandLine()}): the same command a team
 * runs in CI, in this JVM, with what it printed captured.
 *
 * @param display how the call reads on a command line ({@code meshkit scd apply ...})
 * @param exitCode the command's exit code
 * @param out what it printed on standard output ({@code --format json}: one JSON document)
 * @param err what it printed on standard error (its one-line error, if any)
 */
record ToolCall(String display, int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ToolCall run(String name, Supplier<CommandLine> factory, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = factory.get();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args.toArray(String[]::new));
        return new ToolCall(display(name, args), code, out.toString(), err.toString());
    }

    static String display(String name, List<String> args) {
        StringBuilder b = new StringBuilder("meshkit ").append(name);
        for (String a : args) {
            b.append(' ').append(a.isEmpty() || a.matches(".*[\\s'\"$;&|*].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return b.toString();
    }

    /** The JSON the command printed, if it printed JSON. */
    Optional<JsonNode> json() {
        String text = out.strip();
        int start = text.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text.substring(start)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The command's first error line, without the {@code error: } prefix. */
    String errorLine() {
        // progress lines (ingest: reading ...) may come first: the error is the line that says so
        List<String> lines = List.of(err.strip().split("\n"));
        List<String> errors = lines.stream().filter(l -> l.startsWith("error: ") || l.startsWith("{")).toList();
        for (String line : errors.isEmpty() ? lines : errors) {
            if (!line.isBlank()) {
                String l = line.strip();
                if (l.startsWith("{")) {
                    try {
                        JsonNode n = JSON.readTree(l);
                        if (n.path("error").has("message")) {
                            return n.path("error").path("message").asText();
                        }
                    } catch (IOException e) {
                        return l;
                    }
                }
                return l.startsWith("error: ") ? l.substring(7) : l;
            }
        }
        return "exit code " + exitCode;
    }
}
