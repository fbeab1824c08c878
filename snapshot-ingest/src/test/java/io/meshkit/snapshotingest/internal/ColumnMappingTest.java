package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.DataType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {
    @Test
    void typesMapAsDocumented() {
        assertThat(MySqlTypes.map("t", "c", "tinyint", "tinyint(1)", true, 3, 0, false).type()).isEqualTo(DataType.BOOLEAN);
        assertThat(MySqlTypes.map("t", "c", "bigint", "bigint(20) unsigned", true, 20, 0, false).type().kind()).isEqualTo(DataType.Kind.HUGEINT);
        assertThat(MySqlTypes.map("t", "c", "int", "int(10) unsigned", true, 10, 0, false).type()).isEqualTo(DataType.BIGINT);
        assertThat(MySqlTypes.map("t", "c", "longtext", "longtext", true, -1, -1, true).type().kind()).isEqualTo(DataType.Kind.JSON);
        assertThat(MySqlTypes.map("t", "c", "decimal", "decimal(30,6)", true, 30, 6, false).kind()).isEqualTo(ValueKind.DECIMAL_BYTES);
        assertThat(MySqlTypes.map("t", "c", "bit", "bit(9)", true, 9, -1, false).type()).isEqualTo(DataType.BIGINT);
        assertThat(MySqlTypes.map("t", "c", "set", "set('a','b')", true, -1, -1, false).type()).isEqualTo(DataType.VARCHAR);
    }

    @Test
    void widerContractTypesFitNarrowerOnes() {
        assertThat(ColumnMapping.fits(DataType.INTEGER, DataType.BIGINT)).isTrue();
        assertThat(ColumnMapping.fits(DataType.BIGINT, DataType.INTEGER)).isFalse();
        assertThat(ColumnMapping.fits(DataType.decimal(10, 2), DataType.decimal(12, 2))).isTrue();
        assertThat(ColumnMapping.fits(DataType.decimal(10, 4), DataType.decimal(12, 2))).isFalse();
        assertThat(ColumnMapping.fits(DataType.VARCHAR, DataType.varchar(2))).isTrue();
        assertThat(ColumnMapping.fits(DataType.VARCHAR, DataType.INTEGER)).isFalse();
        assertThat(ColumnMapping.fits(DataType.TIMESTAMP, DataType.TIMESTAMP_TZ)).isTrue();
    }

    /** ODCS allows a schema object without properties; a snapshot needs columns and says so on one line. */
    @Test
    void aDatasetWithoutPropertiesIsRefusedOnOneLine() {
        Dataset noColumns = ContractReader.create().parse("c.odcs.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: c
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    physicalType: table
                """).orThrow().datasets().get(0);
        SourceTable table = new SourceTable("shop", "orders",
                List.of(MySqlTypes.map("orders", "id", "bigint", "bigint(20)", false, 20, 0, false)), List.of("id"), 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ColumnMapping.of(table, Optional.of(noColumns)))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot snapshot shop.orders for dataset orders: its schema object lists no properties, and a"
                        + " table needs columns");
    }
}
