package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;

/**
 * One production table to be served from one release table by {@link SupportsPromotion#promote}.
 *
 * @param production the table consumers query, e.g. {@code music.tracks}
 * @param release the table holding the rows production must serve from now on, e.g. a kept version
 *     {@code music_candidates.tracks__v000004}; it is left in place, unchanged, so a later promotion
 *     can serve it again (rollback)
 */
public record Promotion(TableId production, TableId release) {
    /** Validates the fields. */
    public Promotion {
        requireNonNull(production, "production is null");
        requireNonNull(release, "release is null");
        if (production.equals(release)) {
            throw new IllegalArgumentException("a table cannot be promoted into itself: " + production);
        }
    }
}
