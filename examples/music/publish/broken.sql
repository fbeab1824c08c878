-- A broken delivery, read from what production serves: the first 10 tracks come twice, both
-- versions current and valid from the same moment (a join that fanned out), so the key, overlap
-- and one-current checks fail.
SELECT * FROM music.tracks
UNION ALL
SELECT track_id, title || ' (copy)', artist, genre, duration_ms, released_date, valid_from, valid_to, is_current
FROM music.tracks WHERE track_id < 10
