package io.meshkit.itbigqueryeval;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.differ.api.ColumnDiff;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.DimensionDiff;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.scdbuilder.di.ScdBuilders;
import java.time.Clock;
import io.meshkit.differ.di.Differs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diff on BigQuery: the example's first and last snapshot of tracks and of rightsholders diffed,
 * exactly, sampled and with a column renamed, on DuckDB and in ZetaSQL's evaluator (the differ's GoogleSQL run, not only
 * analyzed), with the same result required. Engine-specific parts of a {@link DiffResult} are left
 * out of the comparison: column types (INTEGER on DuckDB is INT64 on BigQuery, DECIMAL(5,2) is
 * NUMERIC), the column profiles (sum and mean of a NUMERIC carry BigQuery's scale) and what the diff
 * cost.
 */
class DiffEvaluatorTest {
    private static final LocalDate FIRST = LocalDate.of(2019, 4, 28);
    private static final LocalDate LAST = LocalDate.of(2019, 5, 2);

    @Test
    void tracksFromFirstToLastDay() {
        List<String> duckDb = diffOn(Engines.duckDb(), "tracks", "genre");
        List<String> bigQuery = diffOn(Engines.bigQueryEvaluator(), "tracks", "genre");
        // track 12 is new; track 2's title and track 5's genre changed, under genre's new name too
        assertThat(duckDb).contains("rows 11 -> 12: added 1, removed 0, changed 2, unchanged 9", "column title: 1 changed",
                "column genre: 1 changed", "column genre_renamed: 1 changed");
        assertThat(duckDb.subList(duckDb.indexOf("renamed genre -> genre_renamed"), duckDb.size()))
                .contains("rows 11 -> 12: added 1, removed 0, changed 2, unchanged 9").doesNotContain("column genre: 1 changed");
        assertThat(bigQuery).as("BigQuery (ZetaSQL's evaluator) vs DuckDB").containsExactlyElementsOf(duckDb);
    }

    @Test
    void rightsholdersFromFirstToLastDay() {
        List<String> duckDb = diffOn(Engines.duckDb(), "rightsholders", "rightsholder_id");
        List<String> bigQuery = diffOn(Engines.bigQueryEvaluator(), "rightsholders", "rightsholder_id");
        // track 12 gets three territories, track 2 loses DE, 1/FR changes holder
        assertThat(duckDb).contains("rows 32 -> 34: added 3, removed 1, changed 1, unchanged 30", "column rightsholder_id: 1 changed",
                "column rightsholder_id_renamed: 1 changed");
        assertThat(bigQuery).as("BigQuery (ZetaSQL's evaluator) vs DuckDB").containsExactlyElementsOf(duckDb);
    }

    /**
     * The dimensions diffed as dimensions: scd-builder builds the example's tracks and rightsholders over the first three
     * days, the result is copied as production (as the publisher promotes it), then the candidate applies the last two
     * days; the diff compares the current state by the business key and the histories by version, on both engines.
     */
    @Test
    void dimensionsBuiltByScdBuilderDiffByKeyAndHistory() {
        for (String table : List.of("tracks", "rightsholders")) {
            List<String> duckDb = dimensionDiffOn(Engines.duckDb(), table);
            List<String> bigQuery = dimensionDiffOn(Engines.bigQueryEvaluator(), table);
            if (table.equals("tracks")) {
                // 05-01 retitles track 2 (a new version); 05-02 changes nothing
                assertThat(duckDb).contains("rows 12 -> 12: added 0, removed 0, changed 1, unchanged 11", "column title: 1 changed",
                        "  [2]: Think Before You Click -> Think Before You Click (On My Heart)",
                        "versions 12 -> 13: added 1, removed 0, changed 1, unchanged 11; keys 1 of 12 changed", "  [2]: 1 -> 2 (+1 -0 ~1)",
                        "new 0 [], returned 0 [], deleted 0 [], dropped 0 []");
            } else {
                // 05-02 deletes track 2's DE territory with a tombstone: removed from the current state, its history kept
                assertThat(duckDb).contains("rows 35 -> 34: added 0, removed 1, changed 0, unchanged 34", "removed [2, DE]",
                        "versions 36 -> 37: added 1, removed 0, changed 1, unchanged 35; keys 1 of 35 changed", "  [2, DE]: 1 -> 2 (+1 -0 ~1)",
                        "new 0 [], returned 0 [], deleted 1 [[2, DE]], dropped 0 []");
            }
            assertThat(bigQuery).as("BigQuery (ZetaSQL's evaluator) vs DuckDB").containsExactlyElementsOf(duckDb);
        }
    }

    private static List<String> dimensionDiffOn(Warehouse w, String table) {
        try (w) {
            Contract contract = Fixtures.contract("music/contracts/" + table + ".odcs.yaml");
            ScdTarget t = ScdTarget.of(contract, (String) null);
            ScdBuilder scd = ScdBuilders.create(w, WarehouseRunLog.of(w), Clock.systemUTC());
            List<LocalDate> dates = Fixtures.snapshotDates(table);
            for (LocalDate d : dates) {
                Fixtures.stage(w, t.dataset(), t.tables().staging(), d, Fixtures.snapshotRows(t.dataset(), table, d));
            }
            for (LocalDate d : dates.subList(0, 3)) {
                scd.apply(t, d, Execution.RUN);
            }
            w.createNamespace(t.tables().production().namespace());
            w.createTableAs(t.tables().production(), w.dialect().sql().sql("SELECT * FROM ").table(t.tables().candidate()).build(),
                    TableLayout.NONE, WriteMode.REPLACE);
            for (LocalDate d : dates.subList(3, dates.size())) {
                scd.apply(t, d, Execution.RUN);
            }
            List<ColumnName> key = t.dataset().primaryKey().stream().map(Column::columnName).toList();
            DiffResult r = Differs.inWarehouse(w).diff(DiffRequest.of(t.tables().production(), t.tables().candidate(), key).asDimension());
            List<String> out = new ArrayList<>(describe(r));
            DimensionDiff d = r.dimension();
            out.add("versions " + d.productionVersions() + " -> " + d.candidateVersions() + ": added " + d.versionsAdded() + ", removed "
                    + d.versionsRemoved() + ", changed " + d.versionsChanged() + ", unchanged " + d.versionsUnchanged() + "; keys "
                    + d.keysWithChangedHistory() + " of " + d.keys() + " changed");
            d.histories().forEach(h -> out.add("  " + h.key() + ": " + h.productionVersions() + " -> " + h.candidateVersions() + " (+"
                    + h.added() + " -" + h.removed() + " ~" + h.changed() + ")"));
            out.add("new " + d.newKeys().count() + " " + d.newKeys().examples() + ", returned " + d.returnedKeys().count() + " "
                    + d.returnedKeys().examples() + ", deleted " + d.deletedKeys().count() + " " + d.deletedKeys().examples() + ", dropped "
                    + d.droppedKeys().count() + " " + d.droppedKeys().examples());
            return out;
        }
    }

    /**
     * Writes the first and the last snapshot as two tables and diffs them: exactly, sampled at 50%, and with
     * {@code renamed} renamed in the last (a declared rename: production's column against the candidate's new one).
     */
    private static List<String> diffOn(Warehouse w, String table, String renamed) {
        try (w) {
            Contract contract = Fixtures.contract("music/contracts/" + table + ".odcs.yaml");
            Dataset dataset = contract.datasets().get(0);
            TableId production = TableId.of("diff", table + "_first");
            TableId candidate = TableId.of("diff", table + "_last");
            Fixtures.create(w, dataset, production, Fixtures.snapshotRows(dataset, table, FIRST));
            Fixtures.create(w, dataset, candidate, Fixtures.snapshotRows(dataset, table, LAST));
            List<ColumnName> key = dataset.primaryKey().stream().map(Column::columnName).toList();
            List<String> out = new ArrayList<>();
            io.meshkit.differ.api.Differ differ = Differs.inWarehouse(w);
            out.add("exact");
            out.addAll(describe(differ.diff(DiffRequest.of(production, candidate, key))));
            out.add("sampled at 0.5 by " + key.get(0));
            out.addAll(describe(differ.diff(DiffRequest.of(production, candidate, key).withSampleRate(0.5))));
            TableId renamedTable = TableId.of("diff", table + "_renamed");
            SqlBuilder select = w.dialect().sql().sql("SELECT ");
            select.join(dataset.columns(), ", ", c -> {
                select.id(c.columnName());
                if (c.columnName().name().equals(renamed)) {
                    select.sql(" AS ").id(ColumnName.of(renamed + "_renamed"));
                }
            });
            w.createTableAs(renamedTable, select.sql(" FROM ").table(candidate).build(), TableLayout.NONE, WriteMode.REPLACE);
            out.add("renamed " + renamed + " -> " + renamed + "_renamed");
            out.addAll(describe(differ.diff(DiffRequest.of(production, renamedTable, key)
                    .withRenames(List.of(ColumnRename.of(renamed, renamed + "_renamed"))))));
            return out;
        }
    }

    private static List<String> describe(DiffResult r) {
        List<String> out = new ArrayList<>();
        out.add("rows " + r.productionRows() + " -> " + r.candidateRows() + ": added " + r.added() + ", removed " + r.removed()
                + ", changed " + r.changed() + ", unchanged " + r.unchanged());
        for (ColumnDiff c : r.columns()) {
            out.add("column " + c.name() + ": " + c.changedRows() + " changed");
            c.examples().forEach(e -> out.add("  " + e.key() + ": " + e.before() + " -> " + e.after()));
        }
        r.addedExamples().forEach(k -> out.add("added " + k));
        r.removedExamples().forEach(k -> out.add("removed " + k));
        out.add("schema " + r.schema());
        out.add("duplicates " + r.productionDuplicates() + " " + r.candidateDuplicates());
        return out;
    }
}
