package io.meshkit.warehousebigquery;

import com.google.cloud.storage.StorageOptions;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZoneProvider;
import io.meshkit.warehousebigquery.internal.GcsLandingZone;
import io.meshkit.warehousebigquery.internal.GcsLocation;

/**
 * Opens GCS landing zones, scheme {@code gs}: {@code gs://BUCKET/PREFIX}. Snapshots land as objects
 * {@code PREFIX/<dataset>/snapshot_date=YYYY-MM-DD/<file>}. Credentials are Application Default Credentials;
 * the client is created on first use, so opening sends nothing.
 */
public final class GcsLandingZoneProvider implements LandingZoneProvider {
    /** The URI scheme. */
    public static final String SCHEME = "gs";

    /** Used by {@link java.util.ServiceLoader}. */
    public GcsLandingZoneProvider() {}

    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * Opens the landing zone a {@code gs://} URI names.
     *
     * @throws io.meshkit.core.error.MeshkitException with {@code INVALID_ARGUMENT} for a malformed URI
     */
    @Override
    public LandingZone open(String uri) {
        return new GcsLandingZone(GcsLocation.parse(uri), () -> StorageOptions.getDefaultInstance().getService());
    }
}
