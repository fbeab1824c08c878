/**
 * The landing zone: where raw snapshots land as files before a warehouse loads them.
 *
 * <p>A snapshot of one dataset on one date lives under {@code <dataset>/snapshot_date=YYYY-MM-DD/}
 * ({@link io.meshkit.core.landing.SnapshotKey}) as part files and small metadata files, and is complete exactly
 * when its {@code _manifest.json} ({@link io.meshkit.core.landing.Manifest}) exists: the manifest is written last,
 * so a reader never sees half a snapshot. Implementations ({@link io.meshkit.core.landing.LandingZone}) are found
 * by URI scheme through {@link io.meshkit.core.landing.LandingZoneProvider}: a local directory (snapshot-ingest)
 * and GCS (warehouse-bigquery).
 */
package io.meshkit.core.landing;
