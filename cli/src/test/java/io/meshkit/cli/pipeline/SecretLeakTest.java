package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.core.config.MeshkitConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret policy end to end: every URL form that carries a password, fed to every command that
 * takes a source (ingest snapshot and plan, diff, a pipeline's ingest step run and planned, written
 * literally or through ${VAR}), in text, JSON and verbose output. Every command refuses it (exit 2),
 * and the secret is in nothing printed and in no file written (warehouse, landing, manifests,
 * run log, lineage events).
 */
class SecretLeakTest {
    private static final String SECRET = "S3cr3tZq";
    private static final Path MUSIC = Path.of("../examples/music").toAbsolutePath().normalize();

    static final List<String> FORMS = List.of(
            "jdbc:mysql://127.0.0.1:1/test?user=u&password=" + SECRET,
            "jdbc:mysql://127.0.0.1:1/test?user=u&password1=" + SECRET,
            "jdbc:mysql://127.0.0.1:1/test?user=u&password2=" + SECRET,
            "jdbc:mysql://127.0.0.1:1/test?user=u&password3=" + SECRET,
            "jdbc:mysql://127.0.0.1:1/test?user=u&%70assword=" + SECRET,
            "jdbc:mysql://address=(host=127.0.0.1)(port=1)(user=u)(password=" + SECRET + ")/test",
            "jdbc:mysql://(host=127.0.0.1,port=1,user=u,password=" + SECRET + ")/test",
            "jdbc:mysql://127.0.0.1:1/test;password=" + SECRET,
            "jdbc:mysql://u:" + SECRET + "@127.0.0.1:1/test",
            "mysql://u:" + SECRET + "@127.0.0.1:1/test");

    @TempDir
    Path tmp;

    @Test
    void noCommandPrintsOrWritesASourcePassword() throws IOException {
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Path events = tmp.resolve("lineage.jsonl");
        Path config = tmp.resolve("meshkit.yaml");
        Files.writeString(config, "warehouse: " + uri + "\nlineage:\n  transport: file\n  file: " + events + "\n  namespace: leak\n");
        String contract = MUSIC.resolve("contracts/tracks.odcs.yaml").toString();
        List<String> printed = new ArrayList<>();
        for (String url : FORMS) {
            for (List<String> extra : List.<List<String>>of(List.of(), List.of("--format", "json"), List.of("--verbose"))) {
                List<List<String>> commands = List.of(
                        List.of("ingest", "snapshot", "--source", url, "--contract", contract, "--date", "2019-04-28",
                                "--landing", tmp.resolve("landing").toString(), "--warehouse", uri, "--config", config.toString()),
                        List.of("ingest", "plan", "--source", url, "--table", "tracks"),
                        List.of("ingest", "contract", "--source", url, "--table", "tracks"),
                        List.of("diff", "--source", url, "--production", "test.tracks", "--candidate", "s.cand", "--key", "id",
                                "--warehouse", uri, "--config", config.toString()));
                for (List<String> command : commands) {
                    List<String> args = new ArrayList<>(command);
                    if (!(extra.contains("--format") && command.get(1).equals("plan"))) {
                        args.addAll(extra);
                    }
                    CliRun r = CliRun.of(args.toArray(String[]::new));
                    assertThat(r.exitCode()).as(args + "\n" + r.out() + r.err()).isEqualTo(2);
                    printed.add(args.get(0) + " " + r.out() + r.err());
                }
            }
            for (String source : List.of(url, "${MESHKIT_SOURCE}")) {
                Path file = tmp.resolve("pipeline.yaml");
                Files.writeString(file, "name: leak\ndates: 2019-04-28..2019-04-28\nsteps:\n  - id: ingest\n    kind: ingest\n    source: \""
                        + source + "\"\n    contract: " + contract + "\n");
                Pipeline p = PipelineReader.read(file);
                for (boolean dry : List.of(true, false)) {
                    StringWriter out = new StringWriter();
                    PipelineRunner runner = new PipelineRunner(p, uri, Map.of(), List.of(LocalDate.parse("2019-04-28")),
                            Map.of("MESHKIT_SOURCE", url)::get, new PrintWriter(out, true));
                    runner.withLineage(MeshkitConfig.read(config).lineage()).withConfigFile(java.util.Optional.of(config));
                    int exit = dry ? runner.dryRun(false) : runner.run(false);
                    assertThat(exit).as(out.toString()).isEqualTo(dry ? 0 : 2);
                    if (!dry) {
                        assertThat(out.toString()).contains("command: meshkit ingest snapshot --source");
                    }
                    if (source.startsWith("$")) {
                        assertThat(out.toString()).contains("--source \"${MESHKIT_SOURCE}\"");   // expanded by the shell it is pasted into
                    }
                    printed.add(out.toString());
                }
            }
        }
        assertThat(printed).allSatisfy(text -> assertThat(text).doesNotContain(SECRET));
        assertThat(String.join("\n", printed)).contains("must come from MESHKIT_MYSQL_PASSWORD");
        List<Path> written;
        try (Stream<Path> files = Files.walk(tmp)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).isNotEmpty();
        for (Path f : written) {
            assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(SECRET);
        }
    }
}
