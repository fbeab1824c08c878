package io.meshkit.sampler.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SqlLexer;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Rate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw SQL over sampled tables, for ad-hoc work: {@code {sample}} stands for the sample of the
 * {@code --table}, {@code {sample:NS.TABLE}} for the sample of any prepared table. Each becomes
 * {@code (SELECT * FROM table WHERE sampling_value < ?)} with the rate bound, so two sampled tables
 * keyed by the same user join on the same users. The result is not scaled. A placeholder the user
 * gives no alias ({@code FROM {sample} WHERE ...}) is named after its table ({@code AS "plays"}):
 * some engines refuse a subquery in FROM without one. A placeholder in a string literal or a comment
 * is left as it is ({@link SqlLexer}).
 */
public final class SampledSql {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{sample(?::([^}]*))?}");
    /** Words that may follow a table in FROM without being its alias: they go on with the statement. */
    private static final Set<String> NOT_AN_ALIAS = Set.of("where", "group", "order", "limit", "offset", "fetch", "having", "window",
            "qualify", "union", "except", "intersect", "join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "for",
            "returning", "tablesample", "lateral");

    private SampledSql() {}

    /** The statement with every placeholder replaced; fails if there is none or a table is not prepared. */
    public static Sql render(Warehouse warehouse, String text, Optional<TableId> defaultTable, Rate rate) {
        Matcher m = PLACEHOLDER.matcher(text);
        SqlBuilder b = warehouse.dialect().sql();
        // a placeholder in a string or a comment is text, not a table
        List<SqlLexer.Token> tokens = SqlLexer.tokens(text, warehouse.dialect().syntax());
        int last = 0;
        int found = 0;
        while (m.find()) {
            if (!inCode(tokens, m.start())) {
                continue;
            }
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
            if (!aliased(text, tokens, m.end())) {
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

    private static boolean inCode(List<SqlLexer.Token> tokens, int at) {
        return tokens.stream().noneMatch(t -> t.start() <= at && at < t.end()
                && (t.kind() == SqlLexer.Kind.STRING || t.kind() == SqlLexer.Kind.QUOTED_NAME || t.kind() == SqlLexer.Kind.COMMENT));
    }

    /** Whether the user gave the placeholder ending at {@code end} an alias: the next token (comments skipped) is a name, not a keyword. */
    private static boolean aliased(String text, List<SqlLexer.Token> tokens, int end) {
        return tokens.stream().filter(t -> t.start() >= end && t.significant()).findFirst()
                .map(t -> t.kind() == SqlLexer.Kind.QUOTED_NAME
                        || t.kind() == SqlLexer.Kind.WORD && !NOT_AN_ALIAS.contains(t.text(text).toLowerCase(Locale.ROOT)))
                .orElse(false);
    }
}
