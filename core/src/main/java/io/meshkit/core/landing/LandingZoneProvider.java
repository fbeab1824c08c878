package io.meshkit.core.landing;

/**
 * Opens landing zones of one URI scheme; registered in {@code META-INF/services} and found by
 * {@link LandingZones#open(String)}.
 */
public interface LandingZoneProvider {
    /** The URI scheme, e.g. {@code file} or {@code gs}. */
    String scheme();

    /** Opens the landing zone a URI of this scheme names. */
    LandingZone open(String uri);
}
