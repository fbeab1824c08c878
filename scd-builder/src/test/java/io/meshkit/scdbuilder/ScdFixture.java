package io.meshkit.scdbuilder;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.di.ScdBuilders;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A DuckDB warehouse with a contract's staging table, for tests. */
final class ScdFixture implements AutoCloseable {
    final Warehouse warehouse;
    final ScdTarget target;
    final ScdBuilder scd;

    private ScdFixture(Warehouse warehouse, ScdTarget target) {
        this.warehouse = warehouse;
        this.target = target;
        this.scd = ScdBuilders.create(warehouse, WarehouseRunLog.of(warehouse), Clock.systemUTC());
    }

    /** An in-memory warehouse and the contract of a test resource. */
    static ScdFixture of(String resource) {
        return of(Warehouses.open("duckdb::memory:"), contract(resource));
    }

    static ScdFixture of(Warehouse warehouse, Contract contract) {
        return new ScdFixture(warehouse, ScdTarget.of(contract, (String) null));
    }

    static Contract contract(String resource) {
        return ContractReader.create().read(resource(resource));
    }

    static Path resource(String name) {
        try {
            return Path.of(ScdFixture.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    TableId staging() {
        return target.tables().staging();
    }

    TableId candidate() {
        return target.tables().candidate();
    }

    /** Stages a snapshot: rows of the contract's columns in order. */
    void stage(LocalDate date, Object[]... rows) {
        stage(target, date, rows);
    }

    void stage(ScdTarget t, LocalDate date, Object[]... rows) {
        TableId staging = t.tables().staging();
        List<ColumnInfo> cols = new ArrayList<>();
        for (Column c : t.dataset().columns()) {
            cols.add(new ColumnInfo(c.columnName(), c.physicalType(), c.physicalType().toString(), true));
        }
        cols.add(new ColumnInfo(ColumnName.of("snapshot_date"), DataType.DATE, "DATE", false));
        warehouse.createNamespace(staging.namespace());
        warehouse.execute(warehouse.dialect().createTableIfNotExists(staging, cols));
        warehouse.execute(warehouse.dialect().sql().sql("DELETE FROM ").table(staging).sql(" WHERE snapshot_date = ").bind(date).build());
        if (rows.length == 0) {
            return;
        }
        SqlBuilder b = warehouse.dialect().sql().sql("INSERT INTO ").table(staging).sql(" (")
                .ids(cols.stream().map(ColumnInfo::name).toList()).sql(") VALUES ");
        b.join(Arrays.asList(rows), r -> {
            List<Object> values = new ArrayList<>(Arrays.asList(r));
            values.add(date);
            b.sql("(").binds(values).sql(")");
        });
        warehouse.execute(b.build());
    }

    /** Every row of a query as lists of values. */
    List<List<Object>> rows(Sql sql) {
        List<List<Object>> out = new ArrayList<>();
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row r : rows) {
                out.add(r.values());
            }
        }
        return out;
    }

    long count(TableId table) {
        return ((Number) rows(warehouse.dialect().sql().sql("SELECT COUNT(*) FROM ").table(table).build()).get(0).get(0)).longValue();
    }

    List<List<Object>> ordered(TableId table) {
        return rows(warehouse.dialect().sql().sql("SELECT * FROM ").table(table).sql(" ORDER BY ALL").build());
    }

    static Object[] row(Object... values) {
        return values;
    }

    @Override
    public void close() {
        warehouse.close();
    }
}
