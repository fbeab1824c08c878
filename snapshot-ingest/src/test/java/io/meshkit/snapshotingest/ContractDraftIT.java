package io.meshkit.snapshotingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.QualityMetric;
import io.meshkit.core.contract.QualityRule;
import io.meshkit.core.contract.Threshold;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.QualityCheck;
import io.meshkit.core.quality.QualityChecks;
import io.meshkit.core.quality.QualityRunner;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshkit-ingest contract} on a real MySQL table, then {@code snapshot --contract} with what it wrote: no drift. */
@ExtendWith(MySqlExtension.class)
class ContractDraftIT {
    /** The test database: {@code members} with a column of every type family, {@code pairs} with a composite key. */
    static MySqlDatabase db;

    @BeforeAll
    static void tables(MySqlDatabase database) throws Exception {
        db = database;
        db.execute("CREATE TABLE members (member_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'The number on the card.', "
                        + "email VARCHAR(255) NOT NULL COMMENT 'Login address.', display_name VARCHAR(80), bio TEXT, "
                        + "points BIGINT NOT NULL DEFAULT 0, level_code TINYINT UNSIGNED, small_rank SMALLINT, mid_count MEDIUMINT, "
                        + "balance DECIMAL(12,2) NOT NULL DEFAULT 0, big_balance DECIMAL(30,4), ratio DOUBLE, score FLOAT, code CHAR(3), "
                        + "birth_date DATE, joined_at DATETIME(3) NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, "
                        + "preferences JSON, tier ENUM('basic','gold') NOT NULL DEFAULT 'basic', tags SET('a','b'), is_active TINYINT(1) NOT NULL, "
                        + "has_newsletter BIT(1), flags BIT(8), avatar BLOB, token VARBINARY(16), wake_time TIME, signup_year YEAR, "
                        + "huge BIGINT UNSIGNED) COMMENT 'One row per member.'",
                "INSERT INTO members VALUES (1, 'a@example.com', 'Ann', 'likes jazz', 120, 255, -5, 7, 10.50, 12345678901234567890.1234, 0.25, "
                        + "1.5, 'abc', '1990-04-01', '2024-01-02 03:04:05.678', '2024-01-02 03:04:05', '{\"lang\": \"en\"}', 'gold', 'a,b', 1, "
                        + "b'1', b'10100101', x'cafe', x'00ff', '07:30:00', 2024, 18446744073709551615)",
                "INSERT INTO members (member_id, email, joined_at, is_active) VALUES (2, 'b@example.com', '2024-02-03 00:00:00', 0)",
                "CREATE TABLE pairs (a VARCHAR(10) NOT NULL, b INT NOT NULL, v INT, PRIMARY KEY (b, a))",
                "CREATE TABLE choices (id INT PRIMARY KEY, status ENUM('new','it''s paid','a,b','back\\\\slash') NOT NULL, "
                        + "tags SET('x','y','z'), flags SET('a','b','c','d','e') COMMENT 'Feature flags.')",
                "INSERT INTO choices VALUES (1, 'new', 'z,x', 'a,e'), (2, 'it''s paid', NULL, ''), (3, 'back\\\\slash', '', 'b'), "
                        + "(4, 'a,b', 'y', NULL)");
    }

    private static IngestRun draft(String table, String... more) {
        return IngestRun.of(IngestRun.args(List.of("contract", "--source", db.jdbcUrl(), "--table", table), more));
    }

    @Test
    void theDraftedContractSnapshotsItsTableWithoutDrift(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("contracts/members.odcs.yaml");
        IngestRun drafted = draft(db.name() + ".members", "--output", file.toString());
        assertThat(drafted.exitCode()).as(drafted.err()).isZero();
        assertThat(drafted.out()).startsWith("wrote " + file + ": dataset members, 27 columns (2 with a comment), key member_id");

        // read (and validated against the ODCS schema) by core, as every tool reads it
        Contract contract = ContractReader.create().read(file);
        assertThat(contract.status()).isEqualTo("draft");
        Dataset ds = contract.datasets().get(0);
        assertThat(ds.name()).isEqualTo("members");
        assertThat(ds.description()).isEqualTo("One row per member.");
        assertThat(ds.primaryKey()).extracting(Column::name).containsExactly("member_id");
        assertThat(ds.columns()).extracting(c -> c.name() + " " + c.logicalType() + " " + c.physicalType() + (c.required() ? " required" : ""))
                .containsExactly("member_id integer BIGINT required", "email string VARCHAR required", "display_name string VARCHAR",
                        "bio string VARCHAR", "points integer BIGINT required", "level_code integer SMALLINT", "small_rank integer SMALLINT",
                        "mid_count integer INTEGER", "balance number DECIMAL(12,2) required", "big_balance number DECIMAL(30,4)",
                        "ratio number DOUBLE", "score number REAL", "code string VARCHAR", "birth_date date DATE",
                        "joined_at timestamp TIMESTAMP required", "updated_at timestamp TIMESTAMP required", "preferences object JSON",
                        "tier string VARCHAR required", "tags string VARCHAR", "is_active boolean BOOLEAN required",
                        "has_newsletter boolean BOOLEAN", "flags integer BIGINT", "avatar string BINARY", "token string BINARY",
                        "wake_time time TIME", "signup_year integer SMALLINT", "huge integer HUGEINT");
        assertThat(ds.columns().get(0).description()).isEqualTo("The number on the card.");
        String yaml = Files.readString(file);
        assertThat(yaml).contains("team:\n  name: TODO-owning-team", "# TODO: the team that owns this data", "slaProperties:");

        IngestRun run = IngestRun.of(IngestRun.args(IngestRun.snapshot(db, dir, "members", "2026-12-07"), "--contract", file.toString(),
                "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"drift\" : [ ]", "\"stagedRows\" : 2", "\"staging\" : \"" + db.name() + "_staging.members\"");
        List<List<Object>> rows = StagedRows.query(dir.resolve("members.duckdb"), "SELECT member_id, CAST(balance AS VARCHAR), "
                + "CAST(huge AS VARCHAR), is_active, hex(avatar), CAST(preferences AS VARCHAR) FROM " + db.name()
                + "_staging.members ORDER BY member_id");
        assertThat(rows.get(0)).containsExactly(1L, "10.50", "18446744073709551615", true, "CAFE", "{\"lang\": \"en\"}");
        assertThat(rows.get(1).get(3)).isEqualTo(false);
    }

    /**
     * An ENUM's values and a small SET's combinations become ODCS's {@code invalidValues} rule, which core reads and the
     * quality checks run on the staged table: they pass on what MySQL allowed and count a value it would not have.
     */
    @Test
    void enumAndSetValuesBecomeAnInvalidValuesRuleTheQualityChecksRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("choices.odcs.yaml");
        IngestRun drafted = draft("choices", "--output", file.toString());
        assertThat(drafted.exitCode()).as(drafted.err()).isZero();
        assertThat(Files.readString(file)).contains("""
                        quality:
                          - metric: invalidValues
                            description: only the values the MySQL ENUM allows
                            dimension: conformity
                            mustBe: 0
                            arguments:
                              validValues:
                                - new
                                - it's paid
                                - "a,b"
                                - back\\slash
                """);
        Dataset ds = ContractReader.create().read(file).datasets().get(0);
        QualityRule status = ds.column("status").orElseThrow().quality().get(0);
        assertThat(status.metric()).isEqualTo(QualityMetric.INVALID_VALUES);
        assertThat(status.threshold()).isEqualTo(Threshold.ZERO);
        assertThat(status.arguments().get("validValues")).isEqualTo(List.of("new", "it's paid", "a,b", "back\\slash"));
        assertThat(ds.column("tags").orElseThrow().quality().get(0).arguments().get("validValues"))
                .isEqualTo(List.of("", "x", "y", "x,y", "z", "x,z", "y,z", "x,y,z"));
        // 5 members have 32 combinations: named in the description instead, after the comment
        Column flags = ds.column("flags").orElseThrow();
        assertThat(flags.quality()).isEmpty();
        assertThat(flags.description()).isEqualTo("Feature flags. MySQL SET of a, b, c, d, e: each value a comma-separated combination of "
                + "them, in this order.");

        IngestRun run = IngestRun.of(IngestRun.args(IngestRun.snapshot(db, dir, "choices", "2026-12-07"), "--contract", file.toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        TableId staged = TableId.of(db.name() + "_staging", "choices");
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("choices.duckdb"))) {
            List<QualityCheck> checks = QualityChecks.forDataset(ds, staged, w.dialect());
            assertThat(invalidValues(w, staged, checks)).containsExactly("status PASSED 0", "tags PASSED 0");
            w.execute(Sql.of("UPDATE " + staged + " SET status = 'lost', tags = 'x,x' WHERE id = 1"));
            assertThat(invalidValues(w, staged, checks)).containsExactly("status FAILED 1", "tags FAILED 1");
        }
    }

    private static List<String> invalidValues(Warehouse w, TableId table, List<QualityCheck> checks) {
        return new QualityRunner(w).run(table, checks).stream().filter(r -> r.check().equals("invalid_values"))
                .map(r -> r.target() + " " + r.status() + " " + r.observed().orElseThrow()).toList();
    }

    @Test
    void aCompositeKeyKeepsItsOrderAndAMissingCommentIsATodo() {
        IngestRun drafted = draft("pairs");
        assertThat(drafted.exitCode()).as(drafted.err()).isZero();
        assertThat(drafted.out()).contains("description: \"TODO: what one row of pairs is, and who uses it.\"",
                "- name: b\n        logicalType: integer\n        physicalType: INTEGER\n        required: true\n        primaryKey: true\n"
                        + "        primaryKeyPosition: 1",
                "- name: a\n        logicalType: string\n        physicalType: VARCHAR\n        required: true\n        primaryKey: true\n"
                        + "        primaryKeyPosition: 2");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        IngestRun missing = draft("nope");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: Cannot draft a contract for table 'nope': database " + db.name()
                + " at 127.0.0.1:3306 has no such table, or the user may not see it" + System.lineSeparator());

        IngestRun otherDatabase = draft("elsewhere.members");
        assertThat(otherDatabase.exitCode()).isEqualTo(2);
        assertThat(otherDatabase.err()).startsWith("error: Cannot use --table elsewhere.members: it names database elsewhere");

        Path existing = Files.writeString(dir.resolve("exists.odcs.yaml"), "keep me");
        IngestRun exists = draft("members", "--output", existing.toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).isEqualTo("error: Cannot write contract " + existing + ": the file exists (--force overwrites it)"
                + System.lineSeparator());
        assertThat(Files.readString(existing)).isEqualTo("keep me");
        assertThat(draft("members", "--output", existing.toString(), "--force").exitCode()).isZero();
        assertThat(Files.readString(existing)).contains("name: members");
    }
}
