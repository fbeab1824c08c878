package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code meshkit test} on the example domain's golden tests, in process: they pass as shipped; a
 * copy with wrong expected rows fails with the table diff and exit 1 and says so in well-formed
 * JUnit XML; {@code --update} rewrites the files so the copy passes again; bad test files and bad
 * expected values are exit 2 at their line and column.
 */
class GoldenTestsIT {
    private static final Path EXAMPLE = Path.of("../examples/music").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    Path copy;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void copyTheExample() throws IOException {
        copy = tmp.resolve("music");
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(EXAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.toString().contains("/.meshkit/")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private void replace(String relative, String from, String to) throws IOException {
        Path f = copy.resolve(relative);
        String text = Files.readString(f);
        assertThat(text).contains(from);
        Files.writeString(f, text.replace(from, to));
    }

    /** Every file under the working directory's landing zone, with its time of last change. */
    private static Map<Path, FileTime> landed() throws IOException {
        Path landing = Path.of(".meshkit/landing");
        Map<Path, FileTime> files = new TreeMap<>();
        if (Files.isDirectory(landing)) {
            try (Stream<Path> all = Files.walk(landing)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    files.put(p, Files.getLastModifiedTime(p));
                }
            }
        }
        return files;
    }

    @Test
    void theExampleDomainsTestsPassAndSaySoInJUnitXml() throws Exception {
        Path junit = tmp.resolve("reports/golden.xml");
        Map<Path, FileTime> before = landed();
        CliRun r = run("test", EXAMPLE.toString(), "--junit", junit.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        // the tests land their fixtures in their own directory, not in the project's .meshkit/landing
        assertThat(landed()).isEqualTo(before);
        assertThat(r.out()).containsPattern("(?m)^PASS royalties \\(\\d+\\.\\d s\\)$")
                .containsPattern("(?m)^PASS tracks_title_change \\(\\d+\\.\\d s\\)$")
                .contains("2 tests: 2 passed");
        Element suite = xml(junit).getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("royalties");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void wrongExpectedRowsFailWithTheTableDiffAndExit1() throws Exception {
        // a royalty off by a tenth of a cent, a play missing from the expected rows, a duplicated row
        replace("tests/expected/royalties.csv", "US,77,60,0.0024", "US,77,60,0.0025");
        replace("tests/expected/royalties.csv", "p5,2019-05-02 09:00:00,L3,2,Think Before You Click (On My Heart),Cautious Mouse,GB,,,0\n", "");
        replace("tests/expected/tracks.csv", "4,Two Factors of Love,Cautious Mouse,pop,199500,2019-05-01,2019-05-01 00:00:00,9999-12-31 00:00:00,true\n",
                "4,Two Factors of Love,Cautious Mouse,pop,199500,2019-05-01,2019-05-01 00:00:00,9999-12-31 00:00:00,true\n"
                + "4,Two Factors of Love,Cautious Mouse,pop,199500,2019-05-01,2019-05-01 00:00:00,9999-12-31 00:00:00,true\n");
        Path junit = tmp.resolve("golden.xml");
        CliRun r = run("test", copy.toString(), "--junit", junit.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^FAIL royalties \\(\\d+\\.\\d s\\): music.royalties differs from .*royalties.csv$")
                .contains("6 rows expected, 7 found; 1 only expected (-), 2 only found (+)")
                .containsPattern("(?m)^    - p2 +\\| 2019-04-30 23:59:59 \\| L2 .*\\| 0\\.0025$")
                .containsPattern("(?m)^    \\+ p2 +\\| 2019-04-30 23:59:59 \\| L2 .*\\| 0\\.0024$")
                .containsPattern("(?m)^    \\+ p5 +\\| .*\\| GB +\\| NULL +\\| NULL +\\| 0$")
                // duplicates count: the same row twice expected, once found
                .contains("6 rows expected, 5 found; 1 only expected (-), 0 only found (+)")
                .containsPattern("(?m)^    - 4 +\\| Two Factors of Love ")
                .contains("2 tests: 2 failed");
        Element suite = xml(junit).getDocumentElement();
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("music.royalties differs from ");
        assertThat(failure.getTextContent()).contains("- p2", "+ p2", "0.0025");
        assertThat(suite.getElementsByTagName("system-out").item(0).getTextContent()).contains("ok   royalties");

        // --update writes what the runs found; the copy then passes, and the files are the shipped ones again
        CliRun u = run("test", copy.toString(), "--update");
        assertThat(u.exitCode()).as(u.out() + u.err()).isZero();
        assertThat(u.out()).contains("UPDATED royalties", "(7 rows)", "UPDATED tracks_title_change", "(5 rows)", "2 tests: 2 updated");
        assertThat(copy.resolve("tests/expected/royalties.csv")).hasSameTextualContentAs(EXAMPLE.resolve("tests/expected/royalties.csv"));
        assertThat(copy.resolve("tests/expected/tracks.csv")).hasSameTextualContentAs(EXAMPLE.resolve("tests/expected/tracks.csv"));
        assertThat(run("test", copy.toString(), "--filter", "tracks").out()).contains("PASS tracks_title_change").doesNotContain("royalties");
    }

    @Test
    void aMissingTableOrColumnIsAFailureNotACrash() throws Exception {
        Files.writeString(copy.resolve("tests/missing.test.yaml"), """
                steps: [royalties]
                given:
                  music.tracks: fixtures/royalties/tracks.csv
                  music.rightsholders: fixtures/royalties/rightsholders.csv
                  music.plays: fixtures/royalties/plays.csv
                expect:
                  music.royalties: expected/royalties.csv
                  music_candidates.royalties:
                    file: expected/royalties.csv
                    columns: [play_id, royalty_cents]
                """);
        CliRun r = run("test", copy.toString(), "--filter", "missing");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL missing", "2 of 2 tables differ",
                "no table music.royalties (tables in music: plays, rightsholders, tracks)",
                "music_candidates.royalties has no column royalty_cents");
    }

    @Test
    void badTestFilesAndBadExpectedValuesAreExit2AtTheirPlace() throws Exception {
        Files.writeString(copy.resolve("tests/typo.test.yaml"), "steps: [royalties]\nexpekt: {music.royalties: expected/royalties.csv}\n");
        CliRun r = run("test", copy.toString(), "--filter", "typo", "--junit", tmp.resolve("bad.xml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("FAIL typo: bad test (exit 2)");
        assertThat(r.err().strip()).isEqualTo(copy.resolve("tests/typo.test.yaml")
                + ":2:1: error: unknown key 'expekt' (known: dates, description, env, expect, given, pipeline, steps, with)");
        Element suite = xml(tmp.resolve("bad.xml")).getDocumentElement();
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getElementsByTagName("error").item(0).getTextContent()).contains(":2:1: error: unknown key 'expekt'");

        replace("tests/expected/royalties.csv", "p6,2019-04-30 12:00:00,L2,7,", "p6,2019-04-30 12:00:00,L2,seven,");
        CliRun v = run("test", copy.toString(), "--filter", "royalties");
        assertThat(v.exitCode()).as(v.out() + v.err()).isEqualTo(2);
        assertThat(v.err().strip()).isEqualTo(copy.resolve("tests/expected/royalties.csv")
                + ":7:27: error: 'seven' is not a BIGINT (column track_id of music.royalties)");

        CliRun none = run("test", copy.toString(), "--filter", "no-such-test");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no ", "tests/**/*.test.yaml named like 'no-such-test'");
    }

    @Test
    void theStepsSeeOnlyTheTestsEnvironment() throws Exception {
        // with MESHKIT_MYSQL_URL set in the test, the file loads are disabled and the MySQL ingest runs
        // (against a port nothing listens on): the test fails at that step, whatever the real environment holds
        Files.writeString(copy.resolve("tests/mysql.test.yaml"), """
                dates: 2019-04-30
                steps: [load-tracks, ingest-mysql]
                env: {MESHKIT_MYSQL_URL: "jdbc:mysql://127.0.0.1:9/none?user=nobody&connectTimeout=2000"}
                expect:
                  music_staging.tracks: expected/tracks.csv
                """);
        CliRun r = run("test", copy.toString(), "--filter", "mysql");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL mysql", "the pipeline failed (exit 3): ingest-mysql@2019-04-30").doesNotContain("load-tracks@");
    }

    @Test
    void givenTablesAreTypedByTheContractsElseInferredAndKeepLeavesTheWarehouse() throws Exception {
        Files.writeString(copy.resolve("tests/fixtures/orders.csv"), "order_id,amount,ordered_at,code\n1,1.50,2019-05-01 10:00:00,A7\n2,,2019-05-02 11:00:00,\"\"\n");
        Files.writeString(copy.resolve("tests/kept.test.yaml"), """
                steps: [royalties]
                given:
                  music.tracks: fixtures/royalties/tracks.csv
                  music.rightsholders: fixtures/royalties/rightsholders.csv
                  music.plays: fixtures/royalties/plays.csv
                  sales.orders: fixtures/orders.csv
                expect:
                  music_candidates.royalties: expected/royalties.csv
                """);
        CliRun r = run("test", copy.toString(), "--filter", "kept", "--keep");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("warehouse kept: (duckdb:(\\S+))").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        Path kept = Path.of(m.group(2));
        try (Warehouse w = Warehouses.open(m.group(1))) {
            // typed by the rightsholders contract (and the dimension's own columns), not as DuckDB would guess
            assertThat(type(w, "music.rightsholders", "share_percent")).isEqualTo("DECIMAL(5,2)");
            assertThat(type(w, "music.rightsholders", "territory")).startsWith("VARCHAR");
            assertThat(type(w, "music.rightsholders", "valid_from")).isEqualTo("TIMESTAMP");
            assertThat(type(w, "music.rightsholders", "is_deleted")).isEqualTo("BOOLEAN");
            // a table no contract describes: inferred
            assertThat(type(w, "sales.orders", "order_id")).isEqualTo("BIGINT");
            assertThat(type(w, "sales.orders", "amount")).isEqualTo("DOUBLE");
            assertThat(type(w, "sales.orders", "ordered_at")).isEqualTo("TIMESTAMP");
            try (ResultRows rows = w.query(Sql.of("SELECT amount IS NULL, code FROM sales.orders WHERE order_id = 2"))) {
                Row row = rows.iterator().next();
                assertThat(row.get(0)).isEqualTo(true);
                assertThat(row.get(1)).as("\"\" is the empty string, not NULL").isEqualTo("");
            }
        } finally {
            try (Stream<Path> files = Files.walk(kept.getParent())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String type(Warehouse w, String table, String column) {
        return w.describe(TableId.parse(table)).orElseThrow().column(ColumnName.of(column)).orElseThrow().engineType();
    }
}
