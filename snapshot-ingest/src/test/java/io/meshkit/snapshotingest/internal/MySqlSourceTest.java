package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import org.junit.jupiter.api.Test;

class MySqlSourceTest {
    @Test
    void parsesHostPortAndDatabase() {
        MySqlSource s = MySqlSource.of("jdbc:mysql://db.internal:3307/shop?user=meshkit", "pw");
        assertThat(s.host()).isEqualTo("db.internal");
        assertThat(s.port()).isEqualTo(3307);
        assertThat(s.database()).isEqualTo("shop");
        assertThat(MySqlSource.of("mysql://meshkit@db/shop", null).port()).isEqualTo(3306);
    }

    @Test
    void refusesPasswordsInTheUrlWithoutPrintingThem() {
        assertThatThrownBy(() -> MySqlSource.of("jdbc:mysql://h/shop?user=u&password=hunter2", null))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("MESHKIT_MYSQL_PASSWORD").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> MySqlSource.of("jdbc:mysql://u:hunter2@h/shop", null))
                .hasMessageNotContaining("hunter2").extracting(e -> ((MeshkitException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void redactsSecrets() {
        assertThat(MySqlSource.redact("jdbc:mysql://h/db?user=u&password=x&a=b")).isEqualTo("jdbc:mysql://h/db?user=u&password=***&a=b");
        assertThat(MySqlSource.redact("mysql://u:secret@h/db")).isEqualTo("mysql://u:***@h/db");
    }

    @Test
    void needsADatabase() {
        assertThatThrownBy(() -> MySqlSource.of("jdbc:mysql://h:3306/", null)).hasMessageContaining("name the database");
    }
}
