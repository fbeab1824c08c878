package io.meshkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** meshkit's one rule for engine error messages: the first line, with bound values kept out. */
class MaskingTest {
    @Test
    void anErrorWithoutBoundValuesKeepsItsFirstLineWhole() {
        assertThat(Masking.errorReason("Binder Error: Referenced column \"nope\" not found\nLINE 1: SELECT nope", List.of()))
                .isEqualTo("Binder Error: Referenced column \"nope\" not found");
        assertThat(Masking.errorReason(null, List.of())).isEqualTo("unknown error");
    }

    @Test
    void boundValuesAndQuotedTextAreMaskedInEveryEnginesSpelling() {
        // DuckDB
        assertThat(Masking.errorReason("Conversion Error: Could not convert string 'alice@example.com' to INT32", List.of("alice@example.com")))
                .isEqualTo("Conversion Error: Could not convert string '…' to INT32");
        // PostgreSQL: a double-quoted value and a unique violation's key
        assertThat(Masking.errorReason("invalid input syntax for type integer: \"secret\"", List.of("secret")))
                .isEqualTo("invalid input syntax for type integer: '…'");
        assertThat(Masking.errorReason("duplicate key value violates unique constraint \"t_pkey\" Detail: Key (email)=(bob@example.com) already exists.",
                List.of("x"))).doesNotContain("bob@example.com").contains("'…' already exists");
        // a value in the message without quotes, and a short one that would match ordinary words
        assertThat(Masking.errorReason("value 4111111111111111 is out of range for type integer", Arrays.asList(4111111111111111L, "in", null)))
                .isEqualTo("value … is out of range for type integer");
    }
}
