package io.meshkit.sampler.api;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The numbers of one group (one combination of dimension values).
 *
 * @param dimensions the group's dimension values, in the query's dimension order (may contain NULL)
 * @param sampledRows rows of the group that the sample read
 * @param estimates one estimate per metric, in the query's metric order
 */
public record GroupResult(List<Object> dimensions, long sampledRows, List<Estimate> estimates) {
    /** Copies the lists. */
    public GroupResult {
        dimensions = Collections.unmodifiableList(new ArrayList<>(dimensions)); // NULL is a dimension value
        estimates = List.copyOf(estimates);
    }

    /** The estimate of a metric. */
    public Estimate estimate(String metric) {
        return estimates.stream().filter(e -> e.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot find metric " + metric + " in the result"));
    }
}
