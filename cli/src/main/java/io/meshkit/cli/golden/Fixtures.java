package io.meshkit.cli.golden;

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
import io.meshkit.core.warehouse.TableInfo;
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
final class Fixtures {
    private final Map<TableId, Dataset> known;

    private Fixtures(Map<TableId, Dataset> known) {
        this.known = known;
    }

    /** The datasets of the contracts, by each of their tables. */
    static Fixtures of(List<Path> contracts) {
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
        return new Fixtures(known);
    }

    /** Creates one given table (replacing it). */
    void create(Warehouse w, GoldenTest.Given given, int index) {
        TableId text = TableId.of(TableComparison.WORK.name(), "given_" + index);
        CsvTables.loadText(w, text, given.csv());
        try {
            TableInfo textInfo = w.describe(text).orElseThrow();
            List<ColumnInfo> inferred = CsvTables.inferredColumns(w, TableId.of(TableComparison.WORK.name(), "given_" + index + "_inferred"),
                    given.csv());
            Optional<Dataset> dataset = Optional.ofNullable(known.get(given.table()));
            List<ColumnName> textColumns = new ArrayList<>();
            List<ColumnInfo> types = new ArrayList<>();
            for (int i = 0; i < textInfo.columns().size(); i++) {
                ColumnName name = textInfo.columns().get(i).name();
                ColumnInfo inferredType = i < inferred.size() ? inferred.get(i) : textInfo.columns().get(i);
                textColumns.add(name);
                types.add(dataset.flatMap(ds -> typed(w.dialect(), ds, name)).orElse(
                        new ColumnInfo(name, inferredType.type(), inferredType.engineType(), true)));
            }
            SqlBuilder select = w.dialect().sql().sql("SELECT ");
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) {
                    select.sql(", ");
                }
                CsvTables.castExpression(select, textColumns.get(i), types.get(i));
                select.sql(" AS ").id(textColumns.get(i));
            }
            select.sql(" FROM ").table(text);
            w.createNamespace(given.table().namespace());
            try {
                w.createTableAs(given.table(), select.build(), TableLayout.NONE, WriteMode.REPLACE);
            } catch (WarehouseException e) {
                CsvTables.findBadValue(w, text, given.csv(), textColumns, types, given.table().toString());
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
