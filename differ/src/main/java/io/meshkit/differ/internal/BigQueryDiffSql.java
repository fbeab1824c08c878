package io.meshkit.differ.internal;

import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link DiffSql} in GoogleSQL, as BigQuery runs it: {@code COUNTIF} instead of filtered
 * aggregates, {@code ARRAY_AGG(... IGNORE NULLS ORDER BY ... LIMIT n)} for examples and lists,
 * {@code UNNEST} to read a list back, {@code FARM_FINGERPRINT} of a row's JSON text as its hash.
 */
final class BigQueryDiffSql implements DiffSql {
    static final BigQueryDiffSql INSTANCE = new BigQueryDiffSql();

    private BigQueryDiffSql() {}

    @Override
    public CanonicalText canonicalText() {
        return BigQueryCanonicalText.INSTANCE;
    }

    @Override
    public String floatType() {
        return "FLOAT64";
    }

    @Override
    public String hash(List<String> exprs) {
        if (exprs.isEmpty()) {
            return "CAST(0 AS INT64)";
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            fields.add(exprs.get(i) + " AS f" + i);
        }
        // TO_JSON_STRING writes every type (NULL as null); a differing hash only nominates a row
        return "FARM_FINGERPRINT(TO_JSON_STRING(STRUCT(" + String.join(", ", fields) + ")))";
    }

    @Override
    public String normalised(String expr, DataType type, DataType other, Normalisation n) {
        if (type.isNumeric() && other.isNumeric()) {
            return n.decimals().isPresent() && !type.isInteger() ? "ROUND(" + expr + ", " + n.decimals().getAsInt() + ")" : expr;
        }
        boolean time = isTime(type) && isTime(other);
        if (time && (n.timestampPrecision() < 6 || type.kind() != other.kind())) {
            // DATETIME and TIMESTAMP do not compare: both as UTC text
            return BigQueryCanonicalText.timestamp(expr, type, n.timestampPrecision());
        }
        if (time || type.kind() == other.kind() && type.kind() != DataType.Kind.VARCHAR && type.kind() != DataType.Kind.JSON
                && !type.isNested()) {
            return expr;
        }
        // strings, JSON (not comparable as such), and retyped columns of unrelated types: compare the text
        String e = switch (type.kind()) {
            case VARCHAR -> expr;
            case JSON, STRUCT, ARRAY, MAP -> "TO_JSON_STRING(" + expr + ")"; // BigQuery cannot compare nested values
            case BINARY -> "TO_HEX(" + expr + ")";
            default -> "CAST(" + expr + " AS STRING)";
        };
        return CanonicalText.string(e, n);
    }

    private static boolean isTime(DataType t) {
        return t.kind() == DataType.Kind.TIMESTAMP || t.kind() == DataType.Kind.TIMESTAMP_TZ;
    }

    @Override
    public String examplesJson(List<String> fieldNames, List<String> fieldExprs, List<String> orderBy, int n, String filter) {
        return "TO_JSON_STRING(ARRAY_AGG(IF(" + filter + ", " + struct(fieldNames, fieldExprs) + ", NULL) IGNORE NULLS ORDER BY "
                + String.join(", ", orderBy) + " LIMIT " + n + "))";
    }

    @Override
    public String countIf(String condition) {
        return "COUNTIF(" + condition + ")";
    }

    @Override
    public String countDistinctIf(List<String> exprs, String condition) {
        String value = exprs.size() == 1 ? exprs.get(0) : "TO_JSON_STRING(STRUCT(" + String.join(", ", exprs) + "))";
        return "COUNT(DISTINCT IF(" + condition + ", " + value + ", NULL))";
    }

    @Override
    public String collect(List<String> fieldNames, List<String> fieldExprs, String condition) {
        return "ARRAY_AGG(IF(" + condition + ", " + struct(fieldNames, fieldExprs) + ", NULL) IGNORE NULLS)";
    }

    @Override
    public String unnest(String cte, String column, String alias) {
        return "(SELECT " + alias + ".* FROM " + cte + ", UNNEST(" + cte + "." + column + ") AS " + alias + ") " + alias;
    }

    @Override
    public String display(String expr, DataType type) {
        return switch (type.kind()) {
            case BINARY -> "UPPER(TO_HEX(" + expr + "))";
            case JSON, STRUCT, ARRAY, MAP -> "TO_JSON_STRING(" + expr + ")";
            default -> "CAST(" + expr + " AS STRING)";
        };
    }

    private static String struct(List<String> fieldNames, List<String> fieldExprs) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < fieldNames.size(); i++) {
            fields.add(fieldExprs.get(i) + " AS " + fieldNames.get(i));
        }
        return "STRUCT(" + String.join(", ", fields) + ")";
    }
}
