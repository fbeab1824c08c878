package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.ArrayList;
import java.util.List;

/** {@link DiffSql} for DuckDB. */
final class DuckDbDiffSql implements DiffSql {
    static final DuckDbDiffSql INSTANCE = new DuckDbDiffSql();

    private DuckDbDiffSql() {}

    @Override
    public CanonicalText canonicalText() {
        return DuckDbCanonicalText.INSTANCE;
    }

    @Override
    public String floatType() {
        return "DOUBLE";
    }

    @Override
    public String hash(List<String> exprs) {
        return exprs.isEmpty() ? "CAST(0 AS UBIGINT)" : "hash(" + String.join(", ", exprs) + ")";
    }

    @Override
    public String normalised(String expr, DataType type, DataType other, Normalisation n) {
        if (type.isNumeric() && other.isNumeric()) {
            return n.decimals().isPresent() && !type.isInteger() ? "round(" + expr + ", " + n.decimals().getAsInt() + ")" : expr;
        }
        boolean time = isTime(type) && isTime(other);
        if (time && n.timestampPrecision() < 6) {
            return DuckDbCanonicalText.timestamp(expr, type, n.timestampPrecision());
        }
        if (time || type.kind() == other.kind() && type.kind() != DataType.Kind.VARCHAR) {
            return expr;
        }
        // strings, and retyped columns of unrelated types: compare the text
        String e = type.kind() == DataType.Kind.VARCHAR ? expr : "CAST(" + expr + " AS VARCHAR)";
        return CanonicalText.string(e, n);
    }

    private static boolean isTime(DataType t) {
        return t.kind() == DataType.Kind.TIMESTAMP || t.kind() == DataType.Kind.TIMESTAMP_TZ;
    }

    @Override
    public String examplesJson(List<String> fieldNames, List<String> fieldExprs, List<String> orderBy, int n, String filter) {
        return "to_json(arg_min(" + structPack(fieldNames, fieldExprs) + ", " + tuple(orderBy) + ", " + n + ") FILTER (WHERE " + filter + "))";
    }

    /** One value that orders and compares like the tuple of these expressions. */
    private static String tuple(List<String> exprs) {
        return exprs.size() == 1 ? exprs.get(0) : "row(" + String.join(", ", exprs) + ")";
    }

    @Override
    public String countIf(String condition) {
        return "count(*) FILTER (WHERE " + condition + ")";
    }

    @Override
    public String countDistinctIf(List<String> exprs, String condition) {
        return "count(DISTINCT " + tuple(exprs) + ") FILTER (WHERE " + condition + ")";
    }

    @Override
    public String collect(List<String> fieldNames, List<String> fieldExprs, String condition) {
        return "list(" + structPack(fieldNames, fieldExprs) + ") FILTER (WHERE " + condition + ")";
    }

    @Override
    public String unnest(String cte, String column, String alias) {
        return "(SELECT unnest(" + column + ", recursive := true) FROM " + cte + ") " + alias;
    }

    @Override
    public String display(String expr, DataType type) {
        return type.kind() == DataType.Kind.BINARY ? "hex(" + expr + ")" : "CAST(" + expr + " AS VARCHAR)";
    }

    private static String structPack(List<String> fieldNames, List<String> fieldExprs) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < fieldNames.size(); i++) {
            fields.add(fieldNames.get(i) + " := " + fieldExprs.get(i));
        }
        return "struct_pack(" + String.join(", ", fields) + ")";
    }
}
