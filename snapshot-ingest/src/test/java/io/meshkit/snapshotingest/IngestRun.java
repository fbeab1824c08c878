package io.meshkit.snapshotingest;

import io.meshkit.snapshotingest.cli.IngestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code meshkit-ingest} in-process and keeps its exit code and output. */
record IngestRun(int exitCode, String out, String err) {
    static IngestRun of(String... args) {
        CommandLine cmd = IngestCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new IngestRun(code, out.toString(), err.toString());
    }

    static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
