package io.meshkit.cli.pipeline.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.core.secret.Secrets;
import io.meshkit.snapshotingest.cli.IngestCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code ingest}: {@code meshkit ingest snapshot --source URL --contract C --date D} for each contract, run in
 * this JVM through its command line and read back from its JSON. The one step still on argv: snapshot-ingest
 * gets a Java API of its own (the {@code ingest} helper's work), and this class then calls it like the others.
 */
public final class IngestStep implements PipelineStep {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> plan(Unit unit, StepContext context) {
        return unit.step().strings("contract").stream().map(c -> display(args(unit, context, c, false))).toList();
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        long rows = 0;
        List<String> parts = new ArrayList<>();
        for (String contract : unit.step().strings("contract")) {
            List<String> args = args(unit, context, contract, true);
            String shown = display(args(unit, context, contract, false));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cmd = IngestCli.commandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            int code = cmd.execute(args.toArray(String[]::new));
            if (code != 0) {
                return StepOutcome.failed(code, code == 1 ? "meshkit ingest snapshot found something (exit 1)" : errorLine(err.toString(), code), shown);
            }
            JsonNode json = json(out.toString());
            for (JsonNode t : json.path("tables")) {
                rows += t.path("stagedRows").asLong();
                parts.add(t.path("stagedRows").asLong() + " rows of MySQL " + t.path("sourceTable").asText() + " into " + t.path("staging").asText());
            }
        }
        return StepOutcome.ok(rows, "staged " + String.join(", ", parts));
    }

    /** The command's arguments: with every {@code ${VAR}} expanded to run, or shown by name (and secrets redacted) to print. */
    private static List<String> args(Unit unit, StepContext context, String contract, boolean expand) {
        Pipeline.Step s = unit.step();
        List<String> a = new ArrayList<>(List.of("snapshot", "--source", expand ? context.files().expand(s.string("source").orElseThrow())
                : Secrets.redact(s.string("source").orElseThrow()), "--contract", context.files().path(contract).toString(), "--date",
                unit.date().orElseThrow().toString()));
        s.strings("args").forEach(x -> a.add(expand ? context.files().expand(x) : Secrets.redact(x)));
        a.addAll(List.of("--warehouse", context.warehouseUri(), "--format", "json"));
        context.configFile().ifPresent(f -> a.addAll(List.of("--config", f.toString())));
        return a;
    }

    private static String display(List<String> args) {
        return CommandText.of("ingest").words(args).toString();
    }

    private static JsonNode json(String out) {
        String text = out.strip();
        int start = text.indexOf('{');
        try {
            return start < 0 ? JSON.createObjectNode() : JSON.readTree(text.substring(start));
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** The command's error line, without the {@code error: } prefix (progress lines may come first). */
    private static String errorLine(String err, int code) {
        List<String> lines = List.of(err.strip().split("\n"));
        List<String> errors = lines.stream().filter(l -> l.startsWith("error: ") || l.startsWith("{")).toList();
        for (String line : errors.isEmpty() ? lines : errors) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
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
        return "exit code " + code;
    }
}
