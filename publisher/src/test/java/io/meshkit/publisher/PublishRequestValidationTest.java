package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.RowChangeSeverity;
import io.meshkit.publisher.api.StageSource;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * An illegal request made in Java gets the same typed error (exit 2 in a CLI) as on the command
 * line, not an {@link IllegalArgumentException} that a caller would report as an internal error.
 */
class PublishRequestValidationTest {
    @Test
    void anIllegalPolicyIsAnInvalidArgument() {
        assertInvalid(() -> new PublishPolicy(0, 50, RowChangeSeverity.WARN, Duration.ofHours(1), "ci"),
                "Cannot use the publish policy: keep at least one version (--keep), got 0");
        assertInvalid(() -> PublishPolicy.defaults("ci").withRowChange(-1, RowChangeSeverity.FAIL),
                "Cannot use the publish policy: the row change threshold (--max-row-change) must be a percentage >= 0, got -1.0");
        assertInvalid(() -> PublishPolicy.defaults("ci").withRowChange(Double.NaN, RowChangeSeverity.FAIL),
                "Cannot use the publish policy: the row change threshold (--max-row-change) must be a percentage >= 0, got NaN");
        assertInvalid(() -> PublishPolicy.defaults("ci").withLeaseTtl(Duration.ZERO),
                "Cannot use the publish policy: the lease time-to-live (--lease-ttl) must be positive, got PT0S");
    }

    @Test
    void aTargetWhoseCandidateIsProductionIsAnInvalidArgument() {
        assertInvalid(() -> Fixtures.target().withCandidate(Fixtures.target().production()),
                "Cannot publish " + Fixtures.target().dataset().name() + ": the candidate cannot be the production table "
                        + Fixtures.target().production());
    }

    @Test
    void anEmptyQueryIsAnInvalidArgument() {
        assertInvalid(() -> new StageSource.Query("  \n"), "Cannot stage from an empty query");
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(message);
    }
}
