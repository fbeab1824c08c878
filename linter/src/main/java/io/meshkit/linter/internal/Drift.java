package io.meshkit.linter.internal;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.contract.DeletesMode;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.contract.Server;
import io.meshkit.core.contract.SourceLocation;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetCatalog;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Compares the live tables of a contract's datasets with the contract. */
final class Drift {
    private Drift() {}

    /**
     * The table of a dataset: the namespace of a server of the warehouse's type ({@code schema}, or
     * {@code dataset} where the warehouse calls it so) when the contract has one, else the conventional production table.
     */
    static TableId table(Contract c, Dataset d, Warehouse w) {
        String scheme = w.uri().contains(":") ? w.uri().substring(0, w.uri().indexOf(':')) : w.uri();
        for (Server s : c.servers()) {
            if (s.type().equalsIgnoreCase(scheme)) {
                Object ns = s.properties().getOrDefault("schema", s.properties().get("dataset"));
                if (ns instanceof String n && !n.isBlank()) {
                    return TableId.of(n, d.tableName());
                }
            }
        }
        return DatasetTables.of(c, d).production();
    }

    static void check(Contract c, Locator loc, Warehouse w, Sink sink, List<TableId> checked) {
        RetainedColumns kept = new RetainedColumns(w);
        for (int i = 0; i < c.datasets().size(); i++) {
            Dataset d = c.datasets().get(i);
            String dp = Locator.dataset(i);
            TableId t = table(c, d, w);
            Optional<List<ColumnInfo>> live = w.columns(t); // the catalog only: lint reads no rows
            checked.add(t);
            if (live.isEmpty()) {
                sink.add(Rules.DRIFT_TABLE_MISSING, loc.at(dp + "/name"), d.name(), null,
                        "table " + t + " of dataset " + d.name() + " does not exist in " + w.uri());
                continue;
            }
            Map<String, Expected> expected = new LinkedHashMap<>();
            for (int j = 0; j < d.columns().size(); j++) {
                Column col = d.columns().get(j);
                expected.put(col.columnName().name().toLowerCase(Locale.ROOT),
                        new Expected(col.columnName(), col.physicalType(), col.typeShown(), Locator.column(i, j), col.name()));
            }
            if (d.kind() == DatasetKind.DIMENSION) {
                scd2(expected, Scd2Shape.VALID_FROM, Scd2Shape.TIME_TYPE, dp);
                scd2(expected, Scd2Shape.VALID_TO, Scd2Shape.TIME_TYPE, dp);
                scd2(expected, Scd2Shape.IS_CURRENT, DataType.BOOLEAN, dp);
                if (d.deletes() == DeletesMode.TOMBSTONE) {
                    scd2(expected, Scd2Shape.IS_DELETED, DataType.BOOLEAN, dp);
                }
            }
            Unpublished unpublished = new Unpublished(c, d, t, w);
            for (Expected e : expected.values()) {
                Optional<ColumnInfo> ci = ColumnInfo.find(live.get(), e.name);
                String where = e.column == null ? d.name() : d.name() + "." + e.column;
                if (ci.isEmpty()) {
                    // a property whose physicalName differs names the table's column too, or the message reads as a
                    // contradiction beside an extra column of the property's name
                    String missing = "column " + where + " is missing from table " + t
                            + (e.column == null ? " (" + e.name.name() + ", an SCD2 column)"
                            : e.column.equals(e.name.name()) ? "" : " (its column " + e.name.name() + ", the physicalName)");
                    Optional<String> pending = unpublished.why(e.name, null);
                    if (pending.isPresent()) {
                        // the contract changes first, in review; ingest and publish follow: a note until then
                        if (sink.enabled(Rules.DRIFT_COLUMN_MISSING)) {
                            sink.add(Rules.DRIFT_COLUMN_MISSING, Severity.NOTE, loc.at(e.pointer + "/name"), d.name(), e.column,
                                    missing + ": not yet published (" + pending.get() + ")");
                        }
                    } else {
                        sink.add(Rules.DRIFT_COLUMN_MISSING, loc.at(e.pointer + "/name"), d.name(), e.column, missing);
                    }
                } else if (!sameType(e.type, ci.get().type())) {
                    SourceLocation at = loc.first(e.pointer + "/physicalType", e.pointer + "/logicalType",
                            e.pointer + "/name");
                    String differs = "column " + (e.column == null ? d.name() + "." + e.name.name() : where) + " is " + e.shown
                            + " in the contract but " + ci.get().type() + " in table " + t;
                    // a widening is a compatible change, made as a column is added: the contract first, then the data;
                    // a narrowing or any other change is drift, published or not
                    Optional<String> pending = ci.get().type().widensTo(e.type) ? unpublished.why(e.name, e.type) : Optional.empty();
                    if (pending.isPresent()) {
                        if (sink.enabled(Rules.DRIFT_TYPE)) {
                            sink.add(Rules.DRIFT_TYPE, Severity.NOTE, at, d.name(), e.column,
                                    differs + ": a widening not yet published (" + pending.get() + ")");
                        }
                    } else {
                        sink.add(Rules.DRIFT_TYPE, at, d.name(), e.column, differs);
                    }
                }
            }
            // a column kept for history after its removal was accepted is no undocumented column
            List<ColumnName> retained = new ArrayList<>(kept.of(t));
            TableId production = DatasetTables.of(c, d).production();
            if (!production.equals(t)) {
                retained.addAll(kept.of(production));
            }
            List<String> extra = new ArrayList<>();
            for (ColumnInfo ci : live.get()) {
                if (!expected.containsKey(ci.name().name().toLowerCase(Locale.ROOT)) && !RetainedColumns.contains(retained, ci.name())) {
                    extra.add(ci.name().name());
                }
            }
            for (String x : extra) {
                sink.add(Rules.DRIFT_COLUMN_EXTRA, loc.key(dp + "/properties"), d.name(), null,
                        "table " + t + " has column " + x + " that dataset " + d.name() + " does not list");
            }
        }
    }

    /**
     * Why a contract column production lacks, or has with a narrower type, is still to come rather than drift: the
     * contract's version is newer than the one production was published with (core's publication record), or, where no
     * publication is recorded, the dataset's candidate or staging table has the column (with the contract's type, where
     * the type is what is to come). A column of a version already published is drift.
     */
    private static final class Unpublished {
        private final Contract contract;
        private final Dataset dataset;
        private final TableId table;
        private final Warehouse warehouse;
        private Optional<String> published;
        private final Map<TableId, List<ColumnInfo>> upstream = new LinkedHashMap<>();

        Unpublished(Contract c, Dataset d, TableId table, Warehouse w) {
            this.contract = c;
            this.dataset = d;
            this.table = table;
            this.warehouse = w;
        }

        /** Reads the publication record and the upstream tables once, at the first missing column: none, no queries. */
        private void read() {
            if (published != null) {
                return;
            }
            published = DatasetCatalog.publishedContractVersion(warehouse, table);
            if (published.isEmpty()) {
                DatasetTables tables = DatasetTables.of(contract, dataset);
                for (TableId other : List.of(tables.candidate(), tables.staging())) {
                    if (!other.equals(table)) {
                        warehouse.columns(other).ifPresent(columns -> upstream.put(other, columns));
                    }
                }
            }
        }

        /** Why {@code column} (as {@code type}, unless null) is still to come in production, if it is. */
        Optional<String> why(ColumnName column, DataType type) {
            read();
            if (published.isPresent()) {
                int[] from = BreakingChanges.version(published.get());
                int[] to = BreakingChanges.version(contract.version());
                return from != null && to != null && BreakingChanges.compareVersions(to, from) > 0
                        ? Optional.of("contract version " + contract.version() + "; " + table + " was published with " + published.get())
                        : Optional.empty();
            }
            for (Map.Entry<TableId, List<ColumnInfo>> u : upstream.entrySet()) {
                Optional<ColumnInfo> there = ColumnInfo.find(u.getValue(), column);
                if (there.isPresent() && (type == null || sameType(type, there.get().type()))) {
                    return Optional.of("table " + u.getKey() + " has it" + (type == null ? "" : " as " + there.get().type()));
                }
            }
            return Optional.empty();
        }
    }

    private static void scd2(Map<String, Expected> expected, ColumnName name, DataType type, String dp) {
        expected.putIfAbsent(name.name(), new Expected(name, type, type.toString(), dp, null));
    }

    /** Equal kinds; varchar and binary lengths are not compared (some engines do not keep them). */
    static boolean sameType(DataType contract, DataType live) {
        if (contract.kind() != live.kind()) {
            return false;
        }
        if (contract.kind() == DataType.Kind.DECIMAL) {
            return contract.precision() == live.precision() && contract.scale() == live.scale();
        }
        return true;
    }

    /** A column the table should have: its type, and that type as the contract wrote it ({@link Column#typeShown}). */
    private record Expected(ColumnName name, DataType type, String shown, String pointer, String column) {}
}
