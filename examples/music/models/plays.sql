-- The plays fact: every staged day of plays, as the contract's columns (staging adds snapshot_date).
SELECT play_id, track_id, listener_id, played_at, country, platform, ms_played, ip_address
FROM music_staging.plays
