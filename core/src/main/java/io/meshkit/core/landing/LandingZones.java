package io.meshkit.core.landing;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Finds the {@link LandingZoneProvider} for a landing-zone URI among those on the class path. */
public final class LandingZones {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private LandingZones() {}

    /**
     * Opens a landing zone: {@code gs://bucket/prefix}, {@code file:/dir}, or a plain local path (which is
     * {@code file:}).
     */
    public static LandingZone open(String uri) {
        String scheme = SCHEME.matcher(uri).matches() ? uri.substring(0, uri.indexOf(':')) : "file";
        LandingZoneProvider provider = providers().get(scheme);
        if (provider == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open landing zone of scheme '" + scheme
                    + "': no provider on the class path (installed: " + String.join(", ", providers().keySet()) + ")");
        }
        return provider.open(uri);
    }

    /** The installed providers by scheme. */
    public static Map<String, LandingZoneProvider> providers() {
        Map<String, LandingZoneProvider> byScheme = new TreeMap<>();
        for (LandingZoneProvider p : ServiceLoader.load(LandingZoneProvider.class)) {
            byScheme.putIfAbsent(p.scheme(), p);
        }
        return byScheme;
    }
}
