package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The rate {@code recommend} chose and the numbers behind the choice.
 *
 * @param rate the recommended rate, empty when no rate of the ladder meets the target
 * @param pilot the pilot run the predictions come from
 * @param candidates one prediction per ladder rate, smallest rate first
 * @param explanation a few sentences saying why
 */
public record Recommendation(Optional<Rate> rate, SampledResult pilot, List<Candidate> candidates, String explanation) {
    /** Validates and copies. */
    public Recommendation {
        requireNonNull(rate, "rate is null");
        requireNonNull(pilot, "pilot is null");
        candidates = List.copyOf(candidates);
        requireNonNull(explanation, "explanation is null");
    }

    /**
     * The prediction for one rate.
     *
     * @param rate the rate
     * @param maxRelativeError the predicted largest relative half-width of a 95% interval (0 at 100%),
     *     from the upper bound of the pilot's standard error: what the plan uses
     * @param pointRelativeError the same predicted from the pilot's standard error itself
     * @param worst which number it is, {@code metric [group]}
     * @param time the predicted query time
     * @param bytes the predicted bytes scanned, where they can be predicted
     * @param meetsTarget whether every given target is met
     */
    public record Candidate(Rate rate, double maxRelativeError, double pointRelativeError, String worst, Duration time, OptionalLong bytes, boolean meetsTarget) {
        /** Validates. */
        public Candidate {
            requireNonNull(rate, "rate is null");
            requireNonNull(worst, "worst is null");
            requireNonNull(time, "time is null");
            requireNonNull(bytes, "bytes is null");
        }
    }
}
