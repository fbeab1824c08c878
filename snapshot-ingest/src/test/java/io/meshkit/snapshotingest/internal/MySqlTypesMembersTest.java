package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An ENUM's or SET's values read back from {@code COLUMN_TYPE} as MySQL and MariaDB write it. */
class MySqlTypesMembersTest {
    @Test
    void readsTheQuotedValuesWithMySqlsEscapes() {
        // as the server shows enum('a''b','c,d','back\\slash','é','nl\nx','') created with those values
        assertThat(MySqlTypes.members("enum('a''b','c,d','back\\\\slash','é','nl\\nx','')"))
                .containsExactly("a'b", "c,d", "back\\slash", "é", "nl\nx", "");
        assertThat(MySqlTypes.members("SET('x','y')")).containsExactly("x", "y");
        assertThat(MySqlTypes.members("varchar(20)")).isEmpty();
    }
}
