package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.TestingPostgres;
import io.meshkit.cli.WarehouseQuery;
import io.meshkit.cli.pipeline.MusicPipelineIT.Run;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshkit ingest snapshot} from MariaDB onto PostgreSQL, through the real CLI: the table lands as
 * Parquet, which PostgreSQL loads by binary COPY into staging; every staged row equals MariaDB's, and
 * staging the same date again leaves the same rows. Needs MariaDB ({@code MESHKIT_TEST_MYSQL_URL}) and
 * PostgreSQL ({@link TestingPostgres}).
 */
@ExtendWith(MySqlExtension.class)
class IngestMySqlPostgresIT {
    private static final String DATE = "2026-12-07";
    /** The MariaDB values as text, in the form PostgreSQL's text of the staged values takes. */
    private static final String MYSQL_ROWS = "SELECT id, name, CAST(amount AS CHAR), DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'),"
            + " CAST(born AS CHAR), CAST(visits AS CHAR), CAST(big AS CHAR), CAST(tiny AS CHAR), IF(active IS NULL, NULL, IF(active, 'true', 'false')), HEX(blob_col)"
            + " FROM customers ORDER BY id";
    private static final String POSTGRES_ROWS = "SELECT id, name, CAST(amount AS text), to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US'),"
            + " CAST(born AS text), CAST(visits AS text), CAST(big AS text), CAST(tiny AS text), CAST(active AS text),"
            + " upper(encode(blob_col, 'hex')) FROM %s WHERE snapshot_date = DATE '" + DATE + "' ORDER BY id";

    @TempDir
    Path tmp;

    @Test
    void aMariaDbTableIsStagedOnPostgreSql(MySqlDatabase mysql) throws Exception {
        mysql.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100), amount DECIMAL(12,2), created_at DATETIME(6),"
                + " born DATE, visits INT UNSIGNED, big BIGINT UNSIGNED, tiny TINYINT, active BOOLEAN, blob_col BLOB)",
                "INSERT INTO customers VALUES (1, 'Zoë \\\\ \"tab\"\there', -1234567890.12, '2019-04-28 12:34:56.123456', '1970-01-01',"
                + " 4294967295, 18446744073709551615, -128, TRUE, X'00FF10'),"
                + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                // 20,000 more rows, over several chunks
                "INSERT INTO customers SELECT seq + 2, CONCAT('customer ', seq), seq / 100, TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq SECOND,"
                + " DATE '2000-01-01' + INTERVAL (seq % 3650) DAY, seq, seq * 1000003, seq % 100, seq % 2 = 0, NULL FROM seq_1_to_20000");
        List<String> expected = new ArrayList<>();
        try (Connection c = mysql.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(MYSQL_ROWS)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    row.add(rs.getString(i));
                }
                expected.add(String.join("|", row));
            }
        }
        assertThat(expected).hasSize(20_002);

        try (TestingPostgres.Database pg = TestingPostgres.createDatabase()) {
            String staging = mysql.name() + "_staging.customers";
            for (int run = 1; run <= 2; run++) {
                Run r = MusicPipelineIT.run("ingest", "snapshot", "--source", mysql.jdbcUrl(), "--table", "customers", "--date", DATE,
                        "--chunk-rows", "5000", "--landing", tmp.resolve("landing").toString(), "--warehouse", pg.uri());
                assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
                assertThat(r.out()).contains("staged   " + staging + ": 20,002 rows for snapshot_date " + DATE);
            }
            List<String> staged = new ArrayList<>();
            for (List<Object> row : WarehouseQuery.rows(pg.uri(), POSTGRES_ROWS.formatted(staging))) {
                List<String> values = new ArrayList<>();
                row.forEach(v -> values.add(v == null ? null : String.valueOf(v)));
                staged.add(String.join("|", values));
            }
            // the second run replaced the date's rows: each row once, each value as in MariaDB
            assertThat(staged).hasSize(20_002);
            assertThat(staged.get(0)).isEqualTo("1|Zoë \\ \"tab\"\there|-1234567890.12|2019-04-28 12:34:56.123456|1970-01-01|4294967295"
                    + "|18446744073709551615|-128|true|00FF10");
            assertThat(staged).containsExactlyElementsOf(expected);
        }
    }
}
