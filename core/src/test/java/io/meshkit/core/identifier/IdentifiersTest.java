package io.meshkit.core.identifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @Test
    void portableNamesAreLettersDigitsAndUnderscores() {
        assertThat(Identifiers.isPortable("user_id")).isTrue();
        assertThat(Identifiers.isPortable("_x9")).isTrue();
        assertThat(Identifiers.isPortable("9lives")).isFalse();
        assertThat(Identifiers.isPortable("a\"; DROP TABLE x; --")).isFalse();
        assertThat(Identifiers.isPortable("naïve")).isFalse();
        assertThat(Identifiers.isPortable("x".repeat(256))).isFalse();
    }

    @Test
    void quotableNamesMayHoldAnythingButControlCharacters() {
        assertThat(ColumnName.of("weird \"name\"").name()).isEqualTo("weird \"name\"");
        assertThatThrownBy(() -> ColumnName.of("a\u0000b"))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot use column name 'a\\u0000b': it contains a control character");
        assertThatThrownBy(() -> ColumnName.of("")).hasMessage("Cannot use column name: it is empty");
    }

    @Test
    void tableOptionParsesNamespaceDotTable() {
        assertThat(TableId.parse("music.tracks")).isEqualTo(TableId.of("music", "tracks"));
        assertThatThrownBy(() -> TableId.parse("tracks"))
                .isInstanceOf(MeshkitException.class)
                .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot parse table 'tracks': expected NAMESPACE.TABLE");
        assertThatThrownBy(() -> TableId.parse("a.b.c")).hasMessageContaining("expected NAMESPACE.TABLE");
    }
}
