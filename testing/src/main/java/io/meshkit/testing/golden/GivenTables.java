package io.meshkit.testing.golden;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A test's {@code given:} tables, created from CSV before the run. A table a contract of the
 * pipeline describes (its production, staging or candidate table) is typed by the contract: its
 * columns, and the columns meshkit adds ({@code valid_from}/{@code valid_to} TIMESTAMP,
 * {@code is_current}/{@code is_deleted} BOOLEAN, {@code snapshot_date} DATE); any other column, and
 * every column of another table, has the type the warehouse infers from the file.
 */
final class GivenTables {
    private final Map<TableId, Dataset> known;

    private GivenTables(Map<TableId, Dataset> known) {
        this.known = known;
    }

    /** The datasets of the contracts, by each of their tables. */
    static GivenTables of(List<Path> contracts) {
        Map<TableId, Dataset> known = new HashMap<>();
        for (Path file : contracts) {
            Contract c;
            try {
                c = ContractReader.create().read(file);
            } catch (MeshkitException e) {
                continue; // the step that reads it says what is wrong with it
            }
            for (Dataset ds : c.datasets()) {
                DatasetTables t = DatasetTables.of(c, ds);
                known.put(t.production(), ds);
                known.put(t.staging(), ds);
                known.put(t.candidate(), ds);
            }
        }
        return new GivenTables(known);
    }

    /** Creates one given table (replacing it). */
    void create(Warehouse w, GoldenTest.Given given, int index) {
        CsvFile csv = CsvFile.read(given.csv());
        TableId text = TableId.of(TableComparison.WORK.name(), "given_" + index);
        List<ColumnName> header = CsvTables.loadText(w, text, csv);
        try {
            Optional<Dataset> dataset = Optional.ofNullable(known.get(given.table()));
            List<ColumnInfo> inferred = null;
            List<ColumnInfo> types = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                ColumnName name = header.get(i);
                Optional<ColumnInfo> typed = dataset.flatMap(ds -> typed(w.dialect(), ds, name));
                if (typed.isEmpty() && inferred == null) {
                    inferred = CsvTables.inferredColumns(w, TableId.of(TableComparison.WORK.name(), "given_" + index + "_inferred"), given.csv());
                }
                ColumnInfo sniffed = typed.isEmpty() && i < inferred.size() ? inferred.get(i) : null;
                types.add(typed.orElseGet(() -> sniffed == null
                        ? new ColumnInfo(name, DataType.VARCHAR, w.dialect().typeName(DataType.VARCHAR), true)
                        : new ColumnInfo(name, sniffed.type(), sniffed.engineType(), true)));
            }
            SqlBuilder select = w.dialect().sql().sql("SELECT ");
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) {
                    select.sql(", ");
                }
                CsvTables.castExpression(select, header.get(i), types.get(i));
                select.sql(" AS ").id(header.get(i));
            }
            select.sql(" FROM ").table(text);
            w.createNamespace(given.table().namespace());
            try {
                w.createTableAs(given.table(), select.build(), TableLayout.NONE, WriteMode.REPLACE);
            } catch (WarehouseException e) {
                CsvTables.findBadValue(w, text, csv, header, header, types, given.table().toString());
                throw e;
            }
        } finally {
            w.drop(text);
        }
    }

    private static Optional<ColumnInfo> typed(Dialect d, Dataset ds, ColumnName name) {
        String n = name.name().toLowerCase(Locale.ROOT);
        for (Column c : ds.columns()) {
            if (c.columnName().name().equalsIgnoreCase(n)) {
                return Optional.of(new ColumnInfo(name, c.physicalType(), d.typeName(c.physicalType()), true));
            }
        }
        DataType type = null;
        if (ds.kind() == DatasetKind.DIMENSION && (n.equals(Scd2Shape.VALID_FROM.name()) || n.equals(Scd2Shape.VALID_TO.name()))) {
            type = Scd2Shape.TIME_TYPE;
        } else if (ds.kind() == DatasetKind.DIMENSION && (n.equals(Scd2Shape.IS_CURRENT.name()) || n.equals(Scd2Shape.IS_DELETED.name()))) {
            type = DataType.BOOLEAN;
        } else if (n.equals("snapshot_date")) {
            type = DataType.DATE;
        }
        return type == null ? Optional.empty() : Optional.of(new ColumnInfo(name, type, d.typeName(type), true));
    }
}
