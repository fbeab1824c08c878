package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.VersionCommand;
import io.meshkit.cli.WarehouseQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project made by {@code meshkit init --template snapshot-dimension}, run with {@code meshkit run} as a team
 * would: a column added to the contract and the snapshot files flows into staging and the dimension, a snapshot
 * with duplicate keys is refused with nothing staged, a live source is never back-dated to the sample files'
 * dates, and {@code --fresh} starts the datasets over, saying what it removes; a removed column stops the run naming
 * the column and where {@code --allow-breaking} goes.
 */
class TemplateSchemaChangeIT {
    @TempDir
    Path tmp;

    /** A snapshot-dimension project {@code shop} in tmp, its pipeline run once on the sample files into {@code warehouse}. */
    private Path projectRunOnce(String warehouse) {
        Path project = tmp.resolve("shop");
        CliRun init = CliRun.of("init", project.toString(), "--template", "snapshot-dimension", "--dataset", "shop.customers",
                "--maven-repository", "file:///opt/meshkit-" + VersionCommand.version() + "/maven");
        assertThat(init.exitCode()).as(init.err()).isZero();
        CliRun first = CliRun.of("run", project.resolve("pipeline.yaml").toString(), "--warehouse", warehouse);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        return project;
    }

    @Test
    void aTemplateProjectFollowsAnAddedColumnRefusesBadKeysAndStartsOver() throws Exception {
        String warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        Path project = projectRunOnce(warehouse);
        String pipeline = project.resolve("pipeline.yaml").toString();
        assertThat(WarehouseQuery.count(warehouse, "SELECT COUNT(*) FROM shop.customers")).isEqualTo(8);

        // email added: contract 1.1.0 and a new day of snapshot files with the column
        Path contract = project.resolve("contracts/customers.odcs.yaml");
        String original = Files.readString(contract);
        Files.writeString(contract, original.replace("version: 1.0.0", "version: 1.1.0").replace("""
                      - name: created_date
                """, """
                      - name: email
                        logicalType: string
                        physicalType: VARCHAR
                        description: Where we write to.
                        classification: pii
                      - name: created_date
                """));
        Path day4 = Files.createDirectories(project.resolve("snapshots/customers/snapshot_date=2024-01-04"));
        Files.writeString(day4.resolve("part-0.csv"), """
                id,name,segment,country,email,created_date
                1,Ada King,retail,GB,ada@example.com,2023-11-02
                2,Grace Hopper,business,US,,2023-12-14
                3,Alan Turing,business,IE,,2023-12-20
                5,Edsger Dijkstra,retail,NL,,2024-01-02
                """);
        CliRun added = CliRun.of("run", pipeline, "--warehouse", warehouse, "--date", "2024-01-04");
        assertThat(added.exitCode()).as(added.out() + added.err()).isZero();
        assertThat(added.out()).contains("column email VARCHAR added (earlier dates NULL)");
        assertThat(WarehouseQuery.rows(warehouse, "SELECT id, email, CAST(valid_from AS VARCHAR) FROM shop.customers WHERE is_current"
                + " AND id = 1")).containsExactly(List.of(1L, "ada@example.com", "2024-01-04 00:00:00"));

        // a day with a duplicate and a NULL key: refused at the door, nothing staged
        Path day5 = Files.createDirectories(project.resolve("snapshots/customers/snapshot_date=2024-01-05"));
        Files.writeString(day5.resolve("part-0.csv"), """
                id,name,segment,country,email,created_date
                1,Ada King,retail,GB,ada@example.com,2023-11-02
                1,Ada King,retail,GB,ada@example.com,2023-11-02
                ,Nobody,retail,GB,,2023-11-02
                """);
        CliRun bad = CliRun.of("run", pipeline, "--warehouse", warehouse, "--date", "2024-01-05");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out() + bad.err()).contains("Cannot stage snapshot 2024-01-05 into shop_staging.customers: 1 key value of (id)"
                + " occurs more than once and 1 row has a NULL in the key (id)");
        assertThat(WarehouseQuery.count(warehouse, "SELECT COUNT(*) FROM shop_staging.customers WHERE snapshot_date = DATE '2024-01-05'"))
                .isZero();

        // an event log delivered at least once stages repeated keys when the step says so; a NULL key stays refused
        String steps = Files.readString(Path.of(pipeline));
        Files.writeString(Path.of(pipeline), steps.replace("    snapshots: snapshots/customers\n",
                "    snapshots: snapshots/customers\n    args: [--allow-duplicate-keys]\n"));
        CliRun nullKey = CliRun.of("run", pipeline, "--warehouse", warehouse, "--date", "2024-01-05");
        assertThat(nullKey.exitCode()).isEqualTo(2);
        assertThat(nullKey.out() + nullKey.err()).contains("Cannot stage snapshot 2024-01-05 into shop_staging.customers: 1 row has a"
                + " NULL in the key (id)").doesNotContain("more than once");
        Files.writeString(Path.of(pipeline), steps);

        // a live source and no --date: the sample files' dates are not the source's
        StringWriter out = new StringWriter();
        PipelineRunner live = new PipelineRunner(PipelineReader.read(Path.of(pipeline)), warehouse, Map.of(),
                List.of(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-02"), LocalDate.parse("2024-01-03")),
                Map.of("MESHKIT_MYSQL_URL", "jdbc:mysql://127.0.0.1:1/shop?user=meshkit")::get, new PrintWriter(out, true))
                .withDatesGiven(false);
        assertThatThrownBy(() -> live.run(false)).hasMessage("Cannot run pipeline customers: step ingest reads a live source"
                + " (env.MESHKIT_MYSQL_URL), and the dates in pipeline.yaml (2024-01-01..2024-01-03 (3 days)) are for its sample files:"
                + " pass --date YYYY-MM-DD, or --date today");

        // back to the sample files: --fresh removes what the earlier runs left, then runs
        Files.writeString(contract, original);
        CliRun fresh = CliRun.of("run", pipeline, "--warehouse", warehouse, "--fresh");
        assertThat(fresh.exitCode()).as(fresh.out() + fresh.err()).isZero();
        assertThat(fresh.out()).contains("fresh start: ", "removed table shop.customers", "removed table shop_staging.customers",
                "rows of meshkit_meta.scd_applied");
        assertThat(WarehouseQuery.count(warehouse, "SELECT COUNT(*) FROM shop.customers")).isEqualTo(8);
        assertThat(WarehouseQuery.count(warehouse, "SELECT COUNT(DISTINCT snapshot_date) FROM shop_staging.customers")).isEqualTo(3);
    }

    /**
     * A column removed from the snapshots: the failed step says which column changed (not only that something did),
     * and where the option that lets it go on goes, since {@code meshkit run} does not take {@code --allow-breaking}
     * itself: in the step's {@code args:}.
     */
    @Test
    void aRemovedColumnNamesTheColumnAndWhereTheOptionGoes() throws Exception {
        String warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        Path project = projectRunOnce(warehouse);
        Path pipeline = project.resolve("pipeline.yaml");

        // country dropped in the source: contract 2.0.0 without it, and a day of snapshot files without it
        Path contract = project.resolve("contracts/customers.odcs.yaml");
        String c = Files.readString(contract).replace("version: 1.0.0", "version: 2.0.0");
        Files.writeString(contract, c.substring(0, c.indexOf("      - name: country")) + c.substring(c.indexOf("      - name: created_date")));
        Path day4 = Files.createDirectories(project.resolve("snapshots/customers/snapshot_date=2024-01-04"));
        Files.writeString(day4.resolve("part-0.csv"), """
                id,name,segment,created_date
                1,Ada King,retail,2023-11-02
                2,Grace Hopper,business,2023-12-14
                """);

        CliRun refused = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse, "--date", "2024-01-04");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        String text = Files.readString(pipeline);
        int line = (int) text.substring(0, text.indexOf("  - id: load")).lines().count() + 1;
        assertThat(refused.out())
                .contains("FAIL load@2024-01-04", "column country removed")
                .contains("    in a pipeline the option is the step's: args: [--allow-breaking] on step load (pipeline.yaml:" + line + ":5), for the run that takes the change")
                .doesNotContain("Exception");

        Files.writeString(pipeline, text.replace("    snapshots: snapshots/customers\n", "    snapshots: snapshots/customers\n    args: [--allow-breaking]\n"));
        CliRun resumed = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse, "--date", "2024-01-04", "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("pipeline customers finished");
    }
}
