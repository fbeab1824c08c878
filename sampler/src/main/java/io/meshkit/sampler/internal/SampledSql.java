package io.meshkit.sampler.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Rate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw SQL over sampled tables, for ad-hoc work: {@code {sample}} stands for the sample of the
 * {@code --table}, {@code {sample:NS.TABLE}} for the sample of any prepared table. Each becomes
 * {@code (SELECT * FROM table WHERE sampling_value < ?)} with the rate bound, so two sampled tables
 * keyed by the same user join on the same users. The result is not scaled. A placeholder the user
 * gives no alias ({@code FROM {sample} WHERE ...}) is named after its table ({@code AS "plays"}):
 * some engines refuse a subquery in FROM without one.
 */
public final class SampledSql {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{sample(?::([^}]*))?}");
    /** What may follow a table in FROM without being its alias: a word that goes on with the statement, or no word. */
    private static final Pattern NOT_AN_ALIAS = Pattern.compile("(?is)\\s*+(?:$|[^\\p{L}_\"`]|(?:where|group|order|limit|offset|fetch"
            + "|having|window|qualify|union|except|intersect|join|inner|left|right|full|cross|natural|on|using|for|returning|tablesample"
            + "|lateral)\\b)");

    private SampledSql() {}

    /** The statement with every placeholder replaced; fails if there is none or a table is not prepared. */
    public static Sql render(Warehouse warehouse, String text, Optional<TableId> defaultTable, Rate rate) {
        Matcher m = PLACEHOLDER.matcher(text);
        SqlBuilder b = warehouse.dialect().sql();
        int last = 0;
        int found = 0;
        while (m.find()) {
            TableId table;
            if (m.group(1) == null) {
                table = defaultTable.orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                        "Cannot run sampled SQL: {sample} needs --table (or write {sample:NAMESPACE.TABLE})"));
            } else {
                table = TableId.parse(m.group(1).trim());
            }
            Columns columns = Columns.of(warehouse, table, "sample");
            columns.requirePrepared();
            b.append(Sql.ofUserText(text.substring(last, m.start()))); // the user's own SQL text, as `meshkit query` runs it
            b.sql("(SELECT * FROM ").table(table);
            if (!rate.isFull()) {
                SampleFilter.append(b.sql(" WHERE "), SampleFilter.bucketed(columns.info()), rate);
            }
            b.sql(")");
            if (NOT_AN_ALIAS.matcher(text).region(m.end(), text.length()).lookingAt()) {
                b.sql(" AS ").append(warehouse.dialect().sql().id(ColumnName.of(table.name())).build());
            }
            last = m.end();
            found++;
        }
        if (found == 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot run sampled SQL: it has no {sample} or {sample:NAMESPACE.TABLE} placeholder");
        }
        b.append(Sql.ofUserText(text.substring(last)));
        return b.build();
    }
}
