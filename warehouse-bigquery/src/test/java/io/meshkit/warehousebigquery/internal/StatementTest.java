package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.StandardSQLTypeName;
import io.meshkit.core.warehouse.Sql;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholders become typed named parameters, except inside literals, identifiers and comments. */
class StatementTest {
    @Test
    void placeholdersOutsideLiteralsBecomeNamedParameters() {
        Statement s = Statement.of(new Sql("SELECT '?', \"?\", '''it's ?''', r'\\'?', `col?`, ? -- what?\n, ? # or?\n /* ? */ , ?",
                Arrays.asList(1L, null, "x")));
        assertThat(s.text()).isEqualTo("SELECT '?', \"?\", '''it's ?''', r'\\'?', `col?`, @mk_p0 -- what?\n, NULL # or?\n /* ? */ , @mk_p2");
        assertThat(s.parameters()).containsOnlyKeys("mk_p0", "mk_p2");
        assertThat(s.parameters().get("mk_p0").getType()).isEqualTo(StandardSQLTypeName.INT64);
        assertThat(s.parameters().get("mk_p2").getValue()).isEqualTo("x");
    }

    @Test
    void everyRowTypeHasItsBigQueryType() {
        Statement s = Statement.of(new Sql("SELECT ?, ?, ?, ?, ?", List.of(BigInteger.TEN.pow(30), new BigDecimal("1.5"),
                new BigDecimal("1.0000000001"), Instant.parse("2024-03-31T01:30:00.000001Z"), new byte[] {1})));
        assertThat(s.parameters().values()).extracting(p -> p.getType()).containsExactly(StandardSQLTypeName.BIGNUMERIC,
                StandardSQLTypeName.NUMERIC, StandardSQLTypeName.BIGNUMERIC, StandardSQLTypeName.TIMESTAMP, StandardSQLTypeName.BYTES);
    }

    @Test
    void aCountMismatchIsABug() {
        assertThatThrownBy(() -> Statement.of(new Sql("SELECT ?", List.of()))).hasMessageContaining("more placeholders than values");
        assertThatThrownBy(() -> Statement.of(new Sql("SELECT 1", List.of(1L)))).hasMessageContaining("1 values for 0 placeholders");
    }
}
