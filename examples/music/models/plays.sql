-- The plays fact from every staged snapshot, as the contract's columns. Snapshot files hold each
-- day's plays once; a MySQL snapshot holds the whole table every day, so each play is taken from
-- the latest snapshot that has it. (A subquery rather than QUALIFY, so the model runs on every
-- warehouse meshkit supports, PostgreSQL included.)
SELECT play_id, track_id, listener_id, played_at, country, platform, ms_played, ip_address
FROM (
    SELECT play_id, track_id, listener_id, played_at, country, platform, ms_played, ip_address,
           row_number() OVER (PARTITION BY play_id ORDER BY snapshot_date DESC) AS latest
    FROM music_staging.plays
) AS snapshots
WHERE latest = 1
