package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation changes nothing: a contract SQL rule that writes is refused before anything runs, and its victim survives. */
class ReadOnlyValidationTest {
    @TempDir
    Path dir;

    @Test
    void aWritingSqlRuleIsRefusedAndTheTableSurvives() throws Exception {
        String uri = "duckdb:" + dir.resolve("w.duckdb");
        try (Warehouse w = Fixtures.open(dir.resolve("w.duckdb"))) {
            w.execute(Sql.of("CREATE SCHEMA accd"));
            w.execute(Sql.of("CREATE TABLE accd.victim AS SELECT 1 AS x"));
        }
        assertThat(run(uri, "stage", "--contract", Fixtures.contractFile().toString(), "--query",
                "SELECT range AS event_id, 'k' AS kind, 1.0::DOUBLE AS amount FROM range(3)")[0]).isEqualTo("0");
        for (String rule : List.of("DROP TABLE IF EXISTS accd.victim; SELECT 0", "SELECT 0; DROP TABLE accd.victim",
                "WITH d AS (DELETE FROM accd.victim RETURNING *) SELECT COUNT(*) FROM d", "DROP TABLE accd.victim")) {
            String yaml = Files.readString(Fixtures.contractFile()).replace("    customProperties:",
                    "    quality:\n      - type: sql\n        query: \"" + rule + "\"\n        mustBe: 0\n    customProperties:");
            Path contract = dir.resolve("events.odcs.yaml");
            Files.writeString(contract, yaml);
            String[] r = run(uri, "validate", "--contract", contract.toString());
            assertThat(r[0]).as(rule + "\n" + r[1] + r[2]).isEqualTo("2");
            assertThat(r[2]).startsWith(contract + ":").contains("cannot run").doesNotContain("Exception");
            try (Warehouse w = Fixtures.open(dir.resolve("w.duckdb"))) {
                assertThat(Fixtures.scalar(w, "SELECT COUNT(*) FROM accd.victim")).as(rule).isEqualTo(1);
            }
        }
    }

    private static String[] run(String uri, String... args) {
        return Fixtures.cli(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--warehouse", uri))
                .toArray(String[]::new));
    }
}
