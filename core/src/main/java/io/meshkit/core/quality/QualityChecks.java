package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DeletesMode;
import io.meshkit.core.contract.QualityRule;
import io.meshkit.core.contract.QualityRuleType;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.contract.Threshold;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.secret.Masking;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SqlLexer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Generates the quality checks a contract implies for one table: primary key unique and not null,
 * required columns not null, the ODCS quality rules (library metrics {@code nullValues},
 * {@code missingValues}, {@code invalidValues}, {@code duplicateValues}, {@code rowCount}, and SQL
 * rules), and for {@code meshkit.kind: dimension} the SCD2 invariants. Every check is SQL that runs
 * in the warehouse; see {@link QualityRunner}.
 */
public final class QualityChecks {
    private static final int SAMPLE_KEYS = 5;
    private static final String VALID_RANGE = "scd2_valid_range";
    private static final String CURRENT_FLAG = "scd2_current_flag";
    private static final String NO_OVERLAP = "scd2_no_overlap";
    /*
     * The GROUP BYs of primary_key_unique and scd2_one_current cost more than the rest of the SCD2
     * checks together on a large dimension, and when the cheap checks pass they cannot fail:
     * - two versions of a key with the same valid_from sit next to each other in the no-overlap
     *   window (PARTITION BY key ORDER BY valid_from, NULL keys forming one partition as they form
     *   one group), so the first one's next_from equals its valid_from, which is < its valid_to
     *   unless the range check fails (a NULL valid_from fails it too): an overlap;
     * - two current versions of a key both end at 9999-12-31 (current flag); the version after the
     *   earlier one starts no later than the later one, which starts before 9999-12-31 (range): an
     *   overlap.
     * So they are implied by those checks and run only when one of those observed something.
     */
    private static final List<String> UNIQUE_VERSION_PREMISES = List.of(VALID_RANGE, NO_OVERLAP);
    private static final List<String> ONE_CURRENT_PREMISES = List.of(VALID_RANGE, CURRENT_FLAG, NO_OVERLAP);

    private final Dataset dataset;
    private final TableId table;
    private final Dialect dialect;
    private final List<ColumnName> entityKey;
    private final List<ColumnName> rowKey;

    private QualityChecks(Dataset dataset, TableId table, Dialect dialect) {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.table = requireNonNull(table, "table is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.entityKey = dataset.primaryKey().stream().map(Column::columnName).toList();
        this.rowKey = Scd2Shape.rowKey(dataset);
    }

    /** The checks of a dataset's contract, run against {@code table} (e.g. a release candidate). */
    public static List<QualityCheck> forDataset(Dataset dataset, TableId table, Dialect dialect) {
        return new QualityChecks(dataset, table, dialect).all();
    }

    private boolean isDimension() {
        return dataset.kind() == DatasetKind.DIMENSION;
    }

    private List<QualityCheck> all() {
        List<QualityCheck> checks = new ArrayList<>();
        if (!rowKey.isEmpty()) {
            String target = names(rowKey);
            checks.add(new QualityCheck("primary_key_unique", target, "no two rows share the key " + target,
                    new QualityCheck.Query(countDuplicateGroups(rowKey), isDimension() ? Optional.empty() : Optional.of(rowsBeyondDistinct(rowKey))),
                    Threshold.ZERO, false, false,
                    Optional.of(duplicateKeys(rowKey)), isDimension() ? UNIQUE_VERSION_PREMISES : List.of()));
            checks.add(aggregate("primary_key_not_null", target, "no key column is NULL", anyNull(rowKey), Threshold.ZERO, false,
                    false, whereNull(rowKey)));
        }
        for (Column c : dataset.columns()) {
            if (c.required() && !c.primaryKey()) {
                checks.add(aggregate("required_not_null", c.name(), "required column " + c.name() + " has no NULLs",
                        anyNull(List.of(c.columnName())), Threshold.ZERO, false, false,
                        whereNull(List.of(c.columnName()))));
            }
        }
        for (QualityRule rule : dataset.quality()) {
            checks.add(rule(rule, null));
        }
        for (Column c : dataset.columns()) {
            for (QualityRule rule : c.quality()) {
                checks.add(rule(rule, c));
            }
        }
        if (isDimension() && !entityKey.isEmpty()) {
            checks.addAll(scd2());
        }
        return checks;
    }

    private QualityCheck rule(QualityRule rule, Column column) {
        String target = column == null ? dataset.name() : column.name();
        String id = rule.type() == QualityRuleType.LIBRARY && rule.metric() != null ? odcsId(rule)
                : rule.type().name().toLowerCase(java.util.Locale.ROOT);
        String description = rule.description() != null ? rule.description()
                : rule.name() != null ? rule.name() : id + " of " + target;
        boolean percent = rule.isPercent();
        if (rule.type() == QualityRuleType.LIBRARY && rule.metric() == null) {
            return new QualityCheck(id, target, description, new QualityCheck.NotRunnable("library rule "
                    + rule.metricName() + " is not one meshkit runs"), rule.threshold(), percent, rule.isWarning(),
                    Optional.empty());
        }
        return switch (rule.type()) {
            case LIBRARY -> library(rule, column, id, target, description, percent);
            case SQL -> ReadOnlyQuery.problem(rule.query())
                    .map(p -> new QualityCheck(id, target, description, new QualityCheck.NotRunnable("the SQL rule is refused: " + p),
                            rule.threshold(), percent, rule.isWarning(), Optional.empty()))
                    .orElseGet(() -> new QualityCheck(id, target, description,
                            new QualityCheck.Query(ReadOnlyQuery.parse(expand(rule.query(), column)).asSubquery(dialect)),
                            rule.threshold(), percent, rule.isWarning(), Optional.empty()));
            case TEXT, CUSTOM -> new QualityCheck(id, target, description,
                    new QualityCheck.NotRunnable(rule.type().name().toLowerCase(java.util.Locale.ROOT) + " rules are for people and other tools"),
                    rule.threshold(), percent, rule.isWarning(), Optional.empty());
        };
    }

    private static String odcsId(QualityRule rule) {
        // ODCS names are camelCase; check ids are snake_case like the others
        return rule.metric().odcsName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private QualityCheck library(QualityRule rule, Column column, String id, String target, String description, boolean percent) {
        ColumnName col = column == null ? null : column.columnName();
        switch (rule.metric()) {
            case ROW_COUNT:
                return aggregate(id, target, description, dialect.sql().sql("COUNT(*)").build(), rule.threshold(), false,
                        rule.isWarning(), Optional.empty());
            case NULL_VALUES:
                requireColumn(rule, col);
                return aggregate(id, target, description, anyNull(List.of(col)), rule.threshold(), percent, rule.isWarning(),
                        whereNull(List.of(col)));
            case MISSING_VALUES: {
                requireColumn(rule, col);
                List<?> missing = listArgument(rule, "missingValues");
                SqlBuilder cond = dialect.sql().id(col).sql(" IS NULL");
                if (!missing.isEmpty()) {
                    cond.sql(" OR ").id(col).sql(" IN (").binds(missing).sql(")");
                }
                Sql c = cond.build();
                return aggregate(id, target, description, countWhere(c), rule.threshold(), percent, rule.isWarning(),
                        sample(c));
            }
            case INVALID_VALUES: {
                requireColumn(rule, col);
                if (!(rule.arguments().get("validValues") instanceof Collection<?> given) || given.isEmpty()) {
                    return new QualityCheck(id, target, description,
                            new QualityCheck.NotRunnable("invalidValues needs arguments.validValues"), rule.threshold(), percent,
                            rule.isWarning(), Optional.empty());
                }
                // NULL is never invalid (a null in validValues says so again); with only null listed, every value is
                List<?> valid = listArgument(rule, "validValues");
                SqlBuilder cond = dialect.sql().id(col).sql(" IS NOT NULL");
                if (!valid.isEmpty()) {
                    cond.sql(" AND ").id(col).sql(" NOT IN (").binds(valid).sql(")");
                }
                Sql c = cond.build();
                return aggregate(id, target, description, countWhere(c), rule.threshold(), percent, rule.isWarning(),
                        sample(c));
            }
            case DUPLICATE_VALUES: {
                List<ColumnName> cols = col != null ? List.of(col) : propertiesArgument(rule);
                return new QualityCheck(id, col != null ? target : names(cols), description,
                        new QualityCheck.Query(countDuplicateRows(cols)), rule.threshold(), percent, rule.isWarning(),
                        Optional.of(duplicateKeys(cols)));
            }
            default:
                throw new IllegalStateException("unhandled metric " + rule.metric());
        }
    }

    private void requireColumn(QualityRule rule, ColumnName col) {
        if (col == null) {
            throw new IllegalArgumentException(rule.metric().odcsName() + " is a column rule; put it under a property");
        }
    }

    /**
     * A list argument without its nulls: ODCS examples list null among validValues and missingValues
     * ({@code ["", null, "n/a"]}), and SQL matches NULL with IS NULL, never with IN.
     */
    private static List<?> listArgument(QualityRule rule, String name) {
        Object v = rule.arguments().get(name);
        return v instanceof Collection<?> c ? c.stream().filter(Objects::nonNull).toList() : List.of();
    }

    private List<ColumnName> propertiesArgument(QualityRule rule) {
        List<?> props = listArgument(rule, "properties");
        if (props.isEmpty()) {
            return dataset.columns().stream().map(Column::columnName).toList();
        }
        return props.stream().map(p -> dataset.column(p.toString()).map(Column::columnName)
                .orElseGet(() -> ColumnName.of(p.toString()))).toList();
    }

    /** The rule with {object}, {column} and their ODCS spellings named; in its strings and comments they stay text. */
    private String expand(String query, Column column) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (SqlLexer.Token t : SqlLexer.tokens(query, dialect.syntax())) {
            if (t.kind() == SqlLexer.Kind.STRING || t.kind() == SqlLexer.Kind.QUOTED_NAME || t.kind() == SqlLexer.Kind.COMMENT) {
                b.append(names(query.substring(at, t.start()), column)).append(t.text(query));
                at = t.end();
            }
        }
        return b.append(names(query.substring(at), column)).toString();
    }

    private String names(String code, Column column) {
        String t = dialect.quote(table);
        String q = code.replace("${object}", t).replace("{object}", t).replace("${table}", t).replace("{table}", t);
        if (column != null) {
            String c = dialect.quote(column.columnName());
            q = q.replace("${property}", c).replace("{property}", c).replace("${column}", c).replace("{column}", c);
        }
        return q;
    }

    private List<QualityCheck> scd2() {
        List<QualityCheck> checks = new ArrayList<>();
        String key = names(entityKey);
        ColumnName from = Scd2Shape.VALID_FROM;
        ColumnName to = Scd2Shape.VALID_TO;
        ColumnName current = Scd2Shape.IS_CURRENT;

        Sql badRange = dialect.sql().id(from).sql(" IS NULL OR ").id(to).sql(" IS NULL OR NOT (").id(from).sql(" < ").id(to).sql(")").build();
        checks.add(aggregate(VALID_RANGE, key, "valid_from < valid_to in every version", countWhere(badRange), Threshold.ZERO,
                false, false, sample(badRange)));

        Sql badFlag = dialect.sql().id(current).sql(" IS NULL OR ").id(current).sql(" <> (").id(to).sql(" = ").bind(Scd2Shape.FAR_FUTURE)
                .sql(")").build();
        checks.add(aggregate(CURRENT_FLAG, key, "is_current exactly when valid_to is 9999-12-31", countWhere(badFlag),
                Threshold.ZERO, false, false, sample(badFlag)));

        // versions of a key overlap when the next one starts before this one ends
        SqlBuilder overlaps = dialect.sql().sql("SELECT ").ids(entityKey).sql(", ").id(from).sql(", ").id(to).sql(", LEAD(").id(from)
                .sql(") OVER (PARTITION BY ").ids(entityKey).sql(" ORDER BY ").id(from).sql(") AS next_from FROM ").table(table);
        Sql overlapRows = overlaps.build();
        checks.add(new QualityCheck(NO_OVERLAP, key, "no two versions of a key overlap in time",
                new QualityCheck.Query(dialect.sql().sql("SELECT COUNT(*) FROM (").append(overlapRows)
                        .sql(") v WHERE next_from < ").id(to).build()),
                Threshold.ZERO, false, false,
                Optional.of(keyProjection(dialect.sql().sql("SELECT "), entityKey).sql(" FROM (").append(overlapRows)
                        .sql(") v WHERE next_from < ").id(to).sql(" ORDER BY ").ids(entityKey).sql(" LIMIT " + SAMPLE_KEYS).build())));

        Sql currentRows = dialect.sql().sql("SELECT ").ids(entityKey).sql(" FROM ").table(table).sql(" WHERE ").id(current)
                .sql(" GROUP BY ").ids(entityKey).sql(" HAVING COUNT(*) > 1").build();
        checks.add(new QualityCheck("scd2_one_current", key, "at most one current version per key",
                new QualityCheck.Query(dialect.sql().sql("SELECT COUNT(*) FROM (").append(currentRows).sql(") d").build()),
                Threshold.ZERO, false, false,
                Optional.of(keyProjection(dialect.sql().sql("SELECT "), entityKey).sql(" FROM (").append(currentRows).sql(") d ORDER BY ")
                        .ids(entityKey).sql(" LIMIT " + SAMPLE_KEYS).build()),
                ONE_CURRENT_PREMISES));
        if (dataset.deletes() == DeletesMode.TOMBSTONE) {
            Sql nullDeleted = dialect.sql().id(Scd2Shape.IS_DELETED).sql(" IS NULL").build();
            checks.add(aggregate("scd2_deleted_flag", key, "is_deleted is never NULL", countWhere(nullDeleted), Threshold.ZERO, false,
                    false, sample(nullDeleted)));
        }
        return checks;
    }

    private QualityCheck aggregate(String id, String target, String description, Sql expression, Threshold threshold,
            boolean percent, boolean warningOnly, Optional<Sql> sample) {
        return new QualityCheck(id, target, description, new QualityCheck.Aggregate(expression), threshold, percent, warningOnly, sample);
    }

    /** {@code SUM(CASE WHEN a IS NULL OR b IS NULL THEN 1 ELSE 0 END)}. */
    private Sql anyNull(List<ColumnName> cols) {
        return countWhere(nullCondition(cols));
    }

    private Sql nullCondition(List<ColumnName> cols) {
        SqlBuilder b = dialect.sql();
        b.join(cols, " OR ", c -> b.id(c).sql(" IS NULL"));
        return b.build();
    }

    private Optional<Sql> whereNull(List<ColumnName> cols) {
        return sample(nullCondition(cols));
    }

    private Sql countWhere(Sql condition) {
        return dialect.sql().sql("SUM(CASE WHEN ").append(condition).sql(" THEN 1 ELSE 0 END)").build();
    }

    /** Up to five keys of rows meeting a condition; none for a table without a key. */
    private Optional<Sql> sample(Sql condition) {
        if (rowKey.isEmpty()) {
            return Optional.empty();
        }
        SqlBuilder b = dialect.sql().sql("SELECT ");
        keyProjection(b, rowKey);
        return Optional.of(b.sql(" FROM ").table(table).sql(" WHERE ").append(condition).sql(" ORDER BY ").ids(rowKey)
                .sql(" LIMIT " + SAMPLE_KEYS).build());
    }

    /** Key columns for a sample, masked by the one masking rule (a personal-data column shows as {@code ***}). */
    private SqlBuilder keyProjection(SqlBuilder b, List<ColumnName> cols) {
        return Masking.of(dataset).project(b, cols);
    }

    private Sql duplicateGroups(List<ColumnName> cols) {
        return dialect.sql().sql("SELECT ").ids(cols).sql(", COUNT(*) AS n FROM ").table(table).sql(" GROUP BY ").ids(cols)
                .sql(" HAVING COUNT(*) > 1").build();
    }

    /**
     * An aggregate: the rows beyond the number of distinct key values ({@code COUNT(*)} minus the
     * dialect's {@link Dialect#countDistinctIf count of distinct tuples}). 0 only when every row has
     * its own key and no key is NULL, so then no key value occurs more than once; a NULL or a repeated
     * key makes it positive, and the exact query runs. (A dimension's key check has premises instead,
     * which cost no hash of every key.)
     */
    private Sql rowsBeyondDistinct(List<ColumnName> cols) {
        return dialect.sql().sql("(COUNT(*) - ").append(dialect.countDistinctIf(cols.stream().map(c -> dialect.sql().id(c).build()).toList(),
                Sql.of("1 = 1"))).sql(")").build();
    }

    /** The number of key values that occur more than once. */
    private Sql countDuplicateGroups(List<ColumnName> cols) {
        return dialect.sql().sql("SELECT COUNT(*) FROM (").append(duplicateGroups(cols)).sql(") d").build();
    }

    /** The number of rows beyond the first of each repeated value (ODCS duplicateValues). */
    private Sql countDuplicateRows(List<ColumnName> cols) {
        return dialect.sql().sql("SELECT COALESCE(SUM(n - 1), 0) FROM (").append(duplicateGroups(cols)).sql(") d").build();
    }

    private Sql duplicateKeys(List<ColumnName> cols) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        keyProjection(b, cols);
        return b.sql(" FROM (").append(duplicateGroups(cols)).sql(") d ORDER BY ").ids(cols)
                .sql(" LIMIT " + SAMPLE_KEYS).build();
    }

    private static String names(List<ColumnName> cols) {
        return String.join(", ", cols.stream().map(ColumnName::name).toList());
    }
}
