package io.meshkit.warehousebigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import org.junit.jupiter.api.Test;

class GcsLandingZoneProviderTest {
    @Test
    void gsUrisFindTheGcsLandingZoneThroughTheServiceLoaderWithoutContactingGcs() {
        assertThat(LandingZones.providers()).containsKey("gs");
        assertThat(LandingZones.providers().get("gs")).isInstanceOf(GcsLandingZoneProvider.class);
        try (LandingZone zone = LandingZones.open("gs://my-bucket/landing/")) { // no client is made until first use
            assertThat(zone.uri()).isEqualTo("gs://my-bucket/landing");
        }
    }

    @Test
    void aMalformedGsUriIsAUserError() {
        assertThatThrownBy(() -> LandingZones.open("gs://My_Bucket")).isInstanceOf(MeshkitException.class)
                .hasMessageStartingWith("Cannot open landing zone gs://My_Bucket: 'My_Bucket' is not a bucket name");
    }
}
