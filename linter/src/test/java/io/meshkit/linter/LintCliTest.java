package io.meshkit.linter;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.linter.cli.LintCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.meshkit.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end: exit codes, git and directory bases, drift against a real DuckDB file. */
class LintCliTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(LintCli.commandLine(), all);
    }

    private void write(String path, String text) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void git(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c",
                "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void exitCodes() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.CLEAN);
        CliRun clean = run();
        assertThat(clean.exitCode()).isZero();
        assertThat(clean.out()).isEqualTo("1 contract: 0 errors, 0 warnings, 0 notes\n");

        write("contracts/plays.odcs.yaml", Fixtures.with("        description: Milliseconds played.\n", ""));
        assertThat(run().exitCode()).isZero(); // a warning
        assertThat(run("--fail-on", "warning").exitCode()).isEqualTo(1);

        write("contracts/plays.odcs.yaml", Fixtures.with("- name: ms_played", "- name: msPlayed"));
        CliRun errors = run("contracts");
        assertThat(errors.exitCode()).isEqualTo(1);
        assertThat(errors.out()).startsWith("contracts/plays.odcs.yaml:30:15: error naming-case column plays.msPlayed");
        assertThat(run("--fail-on", "never").exitCode()).isZero();

        write("contracts/broken.odcs.yaml", "apiVersion: v3.1.0\nkind: [\n");
        CliRun broken = run();
        // broken YAML is bad input, one line at file:line:column, as contract validate says it; no report
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err()).matches("contracts/broken\\.odcs\\.yaml:3:1: error: invalid YAML: [^\\n]*\\n");
        write("contracts/broken.odcs.yaml", "just words\n");
        assertThat(run().err()).isEqualTo("contracts/broken.odcs.yaml:1:1: error: a contract must be a mapping of ODCS fields, not a string\n");
        Files.delete(dir.resolve("contracts/broken.odcs.yaml"));

        // a contract the ODCS schema refuses is bad input too, even with --fail-on never: exit 2, no report
        write("contracts/plays.odcs.yaml", Fixtures.with("logicalType: integer", "logicalType: intgr"));
        CliRun invalid = run("--fail-on", "never");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.out()).isEmpty();
        assertThat(invalid.err()).startsWith("contracts/plays.odcs.yaml:31:22: error: ").doesNotContain("Exception");
        // in a workflow its errors are annotations at their lines as well
        CliRun annotated = run("--format", "github");
        assertThat(annotated.exitCode()).isEqualTo(2);
        assertThat(annotated.out()).startsWith("::error file=contracts/plays.odcs.yaml,line=31,col=22,title=contract-invalid::");
        assertThat(annotated.err()).startsWith("contracts/plays.odcs.yaml:31:22: error: ");

        CliRun missing = run("nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: Cannot read contract").doesNotContain("Exception");

        write("conv.yaml", "rules:\n  nope: error\n");
        CliRun badConventions = run("--conventions", "conv.yaml");
        assertThat(badConventions.exitCode()).isEqualTo(2);
        assertThat(badConventions.err()).contains("conv.yaml:2:3: unknown rule 'nope'");
    }

    @Test
    void sarifToAFileAndRulesAndExplain() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.with("- name: ms_played", "- name: msPlayed"));
        CliRun r = run("--format", "sarif", "--output", "lint.sarif");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("lint.sarif"))).contains("\"version\" : \"2.1.0\"")
                .contains("\"uri\" : \"contracts/plays.odcs.yaml\"");
        // an invalid contract: exit 2, and the SARIF file has its errors for the upload step that runs anyway
        write("contracts/plays.odcs.yaml", Fixtures.with("logicalType: integer", "logicalType: intgr"));
        CliRun invalid = run("--format", "sarif", "--output", "lint.sarif");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("lint.sarif"))).contains("\"ruleId\" : \"contract-invalid\"");
        CliRun rules = run("rules");
        assertThat(rules.exitCode()).isZero();
        assertThat(rules.out()).contains("type-by-name").contains("breaking-column-removed");
        CliRun explain = run("explain", "type-by-name");
        assertThat(explain.out()).contains("Bad:").contains("event_timestamp");
        CliRun unknown = run("explain", "type-by-nam");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: Cannot explain rule 'type-by-nam': no such rule (did you mean"
                + " 'type-by-name'?); 'meshkit-lint rules' lists them\n");
    }

    @Test
    void gitBaseFindsBreakingChangesByContractId() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.CLEAN);
        write("contracts/other.odcs.yaml", Fixtures.CLEAN.replace("urn:meshkit:test:plays", "urn:meshkit:test:other"));
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("commit", "-q", "-m", "base");
        // the file moves and loses a column: matched by id, not by path
        Files.delete(dir.resolve("contracts/plays.odcs.yaml"));
        write("contracts/music/plays.odcs.yaml", Fixtures.with("        description: Milliseconds played.\n",
                "        description: Milliseconds played.\n").replace("      - name: ms_played\n        logicalType: integer\n"
                + "        physicalType: BIGINT\n        description: Milliseconds played.\n", "").replace("version: 1.0.0", "version: 1.1.0"));
        CliRun r = run("--base", "main", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("\"basesCompared\" : 2").contains("\"rule\" : \"breaking-column-removed\"")
                .contains("\"path\" : \"contracts/music/plays.odcs.yaml\"");
        CliRun bad = run("--base", "no-such-ref");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: Cannot read base no-such-ref:");

        // the same through a directory of previous versions
        write("base/plays.odcs.yaml", Fixtures.CLEAN);
        CliRun d = run("contracts", "--base-dir", "base");
        assertThat(d.exitCode()).isEqualTo(1);
        assertThat(d.out()).contains("error breaking-column-removed column plays.ms_played was removed");
    }

    @Test
    void driftAgainstALiveDuckDbFile() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.CLEAN);
        Path db = dir.resolve("wh.duckdb");
        String uri = "duckdb:" + db;
        CliRun mistyped = run("--warehouse", uri);
        assertThat(mistyped.exitCode()).as("a warehouse file that does not exist is not one without tables").isEqualTo(2);
        assertThat(mistyped.err()).startsWith("error: Cannot open warehouse " + uri + ": it does not exist");
        assertThat(db).doesNotExist();
        Warehouses.open(uri).close();
        CliRun noTable = run("--warehouse", uri);
        assertThat(noTable.exitCode()).isEqualTo(1);
        assertThat(noTable.out()).contains("contracts/plays.odcs.yaml:11:11: error drift-table-missing table music.plays");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            w.createNamespace(Namespace.of("music"));
            w.execute(w.dialect().sql().sql("CREATE TABLE music.plays (play_id VARCHAR, listener_id VARCHAR,"
                    + " played_at DATE, ip_address VARCHAR, debug_flag BOOLEAN)").build());
        }
        CliRun drift = run("--warehouse", uri, "--format", "json");
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out()).contains("\"tablesChecked\" : [ \"music.plays\" ]")
                .contains("\"rule\" : \"drift-type\"").contains("column plays.played_at is TIMESTAMP in the contract but DATE")
                .contains("\"rule\" : \"drift-column-missing\"").contains("column plays.ms_played is missing")
                .contains("\"rule\" : \"drift-column-extra\"").contains("debug_flag");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            w.execute(w.dialect().sql().sql("CREATE OR REPLACE TABLE music.plays (play_id VARCHAR, listener_id VARCHAR,"
                    + " played_at TIMESTAMP, ms_played BIGINT, ip_address VARCHAR)").build());
        }
        CliRun ok = run("--warehouse", uri);
        assertThat(ok.exitCode()).as(ok.out()).isZero();
        assertThat(ok.out()).isEqualTo("1 contract, 1 table checked: 0 errors, 0 warnings, 0 notes\n");
    }

    /** A column a dimension keeps for history after an accepted removal is recorded in core's RetainedColumns: no drift. */
    @Test
    void aColumnKeptForHistoryIsNoExtraColumn() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.with("value: fact", "value: dimension"));
        String uri = plays("territory VARCHAR, debug_flag BOOLEAN, valid_from TIMESTAMP, valid_to TIMESTAMP, is_current BOOLEAN");
        CliRun before = run("--warehouse", uri);
        assertThat(before.out()).contains("table music.plays has column territory that dataset plays does not list")
                .contains("table music.plays has column debug_flag");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            RetainedColumns kept = new RetainedColumns(w);
            kept.initialise();
            kept.record(TableId.of("music", "plays"), List.of(ColumnName.of("territory")), "scd", Instant.now()).forEach(w::execute);
        }
        CliRun after = run("--warehouse", uri);
        assertThat(after.exitCode()).as(after.out()).isZero();
        assertThat(after.out()).doesNotContain("territory").contains("warning drift-column-extra table music.plays has column debug_flag")
                .endsWith("1 contract, 1 table checked: 0 errors, 1 warning, 0 notes\n");
    }

    /**
     * Linting before publishing, the usual order (the contract changes in review, then ingest and publish): a column the
     * contract adds is a note while it is not yet published, and an error once the contract's version is the published one.
     */
    @Test
    void aColumnNotYetPublishedIsANoteUntilItsVersionIsPublished() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.with("- name: ms_played\n", "- name: ms_total\n"
                + "        logicalType: integer\n        physicalType: BIGINT\n        description: Milliseconds in total.\n      - name: ms_played\n"));
        String uri = plays(null);
        CliRun plain = run("--warehouse", uri);
        assertThat(plain.exitCode()).as("a table nothing published, no candidate: drift").isEqualTo(1);
        assertThat(plain.out()).contains("error drift-column-missing column plays.ms_total is missing from table music.plays\n");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            w.createNamespace(Namespace.of("music_candidates"));
            w.execute(w.dialect().sql().sql("CREATE TABLE music_candidates.plays (play_id VARCHAR, ms_total BIGINT)").build());
        }
        CliRun candidate = run("--warehouse", uri);
        assertThat(candidate.exitCode()).as(candidate.out()).isZero();
        assertThat(candidate.out()).contains("note drift-column-missing column plays.ms_total is missing from table music.plays:"
                + " not yet published (table music_candidates.plays has it)").endsWith("0 errors, 0 warnings, 1 note\n");
        assertThat(run("--warehouse", uri, "--fail-on", "warning").exitCode()).isZero();
        // a publication recorded: the contract's version against the published one decides, whatever the candidate has
        aNoteUntilVersion100IsPublished(uri, "note drift-column-missing column plays.ms_total is missing from table music.plays:"
                + " not yet published", "error drift-column-missing column plays.ms_total is missing from table music.plays\n");
    }

    /** Published with 0.9.0, the contract's 1.0.0: {@code note}, why; published with 1.0.0: {@code error}, exit 1. */
    private void aNoteUntilVersion100IsPublished(String uri, String note, String error) {
        publish(uri, "0.9.0");
        CliRun newer = run("--warehouse", uri);
        assertThat(newer.exitCode()).as(newer.out()).isZero();
        assertThat(newer.out()).contains(note + " (contract version 1.0.0; music.plays was published with 0.9.0)");
        publish(uri, "1.0.0");
        CliRun published = run("--warehouse", uri);
        assertThat(published.exitCode()).as("the version is published as the table is").isEqualTo(1);
        assertThat(published.out()).contains(error);
    }

    /**
     * Drift reads the catalog, never a row: a production table and a candidate that fail when their rows are read (a
     * cast of text that is no number) are linted all the same, where counting their rows failed the whole run.
     */
    @Test
    void driftReadsNoRows() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.with("- name: ms_played\n", "- name: ms_total\n"
                + "        logicalType: integer\n        physicalType: BIGINT\n        description: Milliseconds in total.\n      - name: ms_played\n"));
        String uri = "duckdb:" + dir.resolve("wh.duckdb");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            for (String ns : List.of("music", "music_candidates", "raw")) {
                w.createNamespace(Namespace.of(ns));
            }
            w.execute(w.dialect().sql().sql("CREATE TABLE raw.plays AS SELECT 'p1' AS play_id, 'l1' AS listener_id,"
                    + " TIMESTAMP '2026-01-01 00:00:00' AS played_at, CAST(1 AS BIGINT) AS ms_played, CAST(2 AS BIGINT) AS ms_total,"
                    + " '10.0.0.1' AS ip_address, 'not a number' AS code").build());
            String unreadable = " FROM raw.plays WHERE CAST(code AS BIGINT) > 0";
            w.execute(w.dialect().sql().sql("CREATE VIEW music.plays AS SELECT play_id, listener_id, played_at, ms_played, ip_address"
                    + unreadable).build());
            w.execute(w.dialect().sql().sql("CREATE VIEW music_candidates.plays AS SELECT play_id, ms_total" + unreadable).build());
        }
        CliRun lint = run("--warehouse", uri);
        assertThat(lint.err()).isEmpty();
        assertThat(lint.exitCode()).as(lint.out()).isZero();
        assertThat(lint.out()).contains("note drift-column-missing column plays.ms_total is missing from table music.plays:"
                + " not yet published (table music_candidates.plays has it)").endsWith("0 errors, 0 warnings, 1 note\n");
    }

    /**
     * A type the new contract version widens (INTEGER to BIGINT, a compatible change) is a note like a column not yet
     * published, until that version is published; the candidate counts only with the contract's type.
     */
    @Test
    void aWideningNotYetPublishedIsANoteUntilItsVersionIsPublished() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.CLEAN); // ms_played BIGINT, version 1.0.0
        String uri = plays("INTEGER", null);
        String error = "error drift-type column plays.ms_played is BIGINT in the contract but INTEGER in table music.plays\n";
        CliRun plain = run("--warehouse", uri);
        assertThat(plain.exitCode()).as("nothing published, no candidate: drift").isEqualTo(1);
        assertThat(plain.out()).contains(error);
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            w.createNamespace(Namespace.of("music_candidates"));
            w.execute(w.dialect().sql().sql("CREATE TABLE music_candidates.plays (play_id VARCHAR, ms_played INTEGER)").build());
        }
        assertThat(run("--warehouse", uri).out()).as("a candidate with the old type").contains(error);
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            w.execute(w.dialect().sql().sql("CREATE OR REPLACE TABLE music_candidates.plays (play_id VARCHAR, ms_played BIGINT)").build());
        }
        CliRun candidate = run("--warehouse", uri);
        assertThat(candidate.exitCode()).as(candidate.out()).isZero();
        assertThat(candidate.out()).contains("note drift-type column plays.ms_played is BIGINT in the contract but INTEGER in table"
                + " music.plays: a widening not yet published (table music_candidates.plays has it as BIGINT)")
                .endsWith("0 errors, 0 warnings, 1 note\n");
        aNoteUntilVersion100IsPublished(uri, "note drift-type column plays.ms_played is BIGINT in the contract but INTEGER in table"
                + " music.plays: a widening not yet published", error);
    }

    /**
     * A narrower type in the contract than in the table (BIGINT to INTEGER) is drift, whatever is published; the
     * message shows the type as the contract spells it (INT), with meshkit's reading of it.
     */
    @Test
    void aNarrowingIsAnErrorEvenBeforeItsVersionIsPublished() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.with("physicalType: BIGINT", "physicalType: INT"));
        String uri = plays(null);
        publish(uri, "0.9.0");
        CliRun run = run("--warehouse", uri);
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("error drift-type column plays.ms_played is INT (INTEGER) in the contract but BIGINT in table music.plays\n");
    }

    private static void publish(String uri, String contractVersion) {
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            WarehouseRunLog log = WarehouseRunLog.of(w);
            long next = log.publications("music.plays", 1).stream().mapToLong(Publication::version).max().orElse(0) + 1;
            log.recordPublication(new Publication("music.plays", next, contractVersion, TableId.of("music", "plays"), 0, "-",
                    Instant.now(), "test", "run-" + next));
        }
    }

    /** A property whose physicalName differs: the missing column is named as the table would have it. */
    @Test
    void aMissingColumnWithAPhysicalNameNamesTheTablesColumn() throws Exception {
        write("contracts/plays.odcs.yaml", Fixtures.with("- name: ms_played\n", "- name: ms_played\n        physicalName: ms_total\n"));
        String uri = plays(null);
        CliRun run = run("--warehouse", uri);
        assertThat(run.out()).contains("error drift-column-missing column plays.ms_played is missing from table music.plays (its column"
                + " ms_total, the physicalName)", "warning drift-column-extra table music.plays has column ms_played");
    }

    /** A warehouse file with table music.plays: the fixture's columns and {@code more}; its URI. */
    private String plays(String more) {
        return plays("BIGINT", more);
    }

    /** The same with ms_played of another type. */
    private String plays(String msPlayed, String more) {
        String uri = "duckdb:" + dir.resolve("wh.duckdb");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "256MB", "threads", "1"))) {
            w.createNamespace(Namespace.of("music"));
            w.execute(w.dialect().sql().sql("CREATE TABLE music.plays (play_id VARCHAR, listener_id VARCHAR, played_at TIMESTAMP,"
                    + " ms_played " + msPlayed + ", ip_address VARCHAR" + (more == null ? "" : ", " + more) + ")").build());
        }
        return uri;
    }
}
