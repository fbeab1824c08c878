package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fake's own machinery that the other tests rely on without seeing it. */
class FakeBigQueryClientTest {
    @Test
    void tablePathsBecomeOneIdentifierAndQualifiedColumnsStayAsTheyAre() {
        FakeBigQueryClient fake = new FakeBigQueryClient();
        fake.createDataset(DatasetInfo.of(DatasetId.of("p", "music_staging")));
        assertThat(fake.rewritePaths("SELECT * FROM `music_staging`.`tracks` t JOIN music_staging.plays p ON t.a = p.a"))
                .isEqualTo("SELECT * FROM `music_staging.tracks` t JOIN `music_staging.plays` p ON t.a = p.a");
        // a backticked column after a dot once flipped the pairing of every later backtick
        assertThat(fake.rewritePaths("SELECT s.`track_id` FROM (SELECT `track_id` FROM `music_staging`.`tracks`) s"))
                .isEqualTo("SELECT s.`track_id` FROM (SELECT `track_id` FROM `music_staging.tracks`) s");
        // strings and comments are left alone
        assertThat(fake.rewritePaths("SELECT 'music_staging.x' AS v -- music_staging.y\nFROM `music_staging`.`t`"))
                .isEqualTo("SELECT 'music_staging.x' AS v -- music_staging.y\nFROM `music_staging.t`");
    }

    @Test
    void dmlChangesTheTableItTargetsWhateverTheNamesOfTheOthers() {
        String uri = "bigquery:meshkit-test/EU";
        try (BigQueryWarehouse w = new BigQueryWarehouse(uri, BigQuerySettings.parse(uri, Map.of()), new FakeBigQueryClient(),
                new Retry(1, Duration.ZERO, Duration.ZERO, d -> {}))) {
            w.createNamespace(Namespace.of("d"));
            w.execute(Sql.of("CREATE TABLE `d`.`a` AS SELECT 1 AS n"));
            w.execute(Sql.of("CREATE TABLE `d`.`b` AS SELECT 2 AS n"));
            // `d.a` sorts before the target `d.b` in the analyzer's list of the statement's tables
            w.execute(Sql.of("INSERT INTO `d`.`b` SELECT n + 10 FROM `d`.`a`"));
            w.execute(Sql.of("UPDATE `d`.`b` SET n = n + 100 WHERE n IN (SELECT n + 1 FROM `d`.`a`)"));
            w.execute(Sql.of("DELETE FROM `d`.`b` WHERE n IN (SELECT n + 10 FROM `d`.`a`)"));
            assertThat(rows(w, "a")).isEqualTo("[1]");
            assertThat(rows(w, "b")).isEqualTo("[102]");
        }
    }

    private static String rows(BigQueryWarehouse w, String table) {
        try (ResultRows r = w.query(Sql.of("SELECT n FROM `d`.`" + table + "` ORDER BY n"))) {
            java.util.List<Object> out = new java.util.ArrayList<>();
            r.forEach(row -> out.add(row.get(0)));
            return out.toString();
        }
    }
}
