package io.meshkit.core.warehouse;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.util.List;
import java.util.Optional;

/**
 * A minimal ANSI dialect for core's unit tests: double-quoted names, portable type names; the
 * engine building blocks a test does not script fail loudly.
 */
public class TestingDialect implements Dialect {
    @Override
    public String name() {
        return "ansi";
    }

    @Override
    public String typeName(DataType type) {
        return type.toString();
    }

    @Override
    public Optional<DataType> parseType(String engineTypeName) {
        return DataType.parse(engineTypeName);
    }

    @Override
    public Sql rowFingerprint(List<ColumnName> columns) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql samplingValue(Sql key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql hex(Sql binary) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql rowHash(List<Sql> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CanonicalText canonicalText() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql countDistinctIf(List<Sql> values, Sql condition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql firstRowsJson(List<ColumnName> fields, List<Sql> values, List<Sql> orderBy, int limit, Sql condition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql collect(List<RecordField> fields, List<Sql> values, Sql condition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Sql unnest(Sql relation, ColumnName column, List<RecordField> fields, Sql alias) {
        throw new UnsupportedOperationException();
    }
}
