package io.meshkit.snapshotingest.internal;

import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZoneProvider;
import java.nio.file.Path;

/** Opens {@code file:} landing zones and plain local paths. */
public final class LocalLandingZoneProvider implements LandingZoneProvider {
    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public LandingZone open(String uri) {
        if (uri.startsWith("file:/")) {
            return new LocalLandingZone(Path.of(java.net.URI.create(uri)));
        }
        return new LocalLandingZone(Path.of(uri.startsWith("file:") ? uri.substring("file:".length()) : uri));
    }
}
