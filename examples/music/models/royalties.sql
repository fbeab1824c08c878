-- The royalties report: each published play joined to the track version and the rights holder
-- valid when it was played (valid_from <= played_at < valid_to, the scd-builder join pattern).
-- A rights-holder tombstone (is_deleted) means nobody held the rights then: no holder, no royalty.
SELECT p.play_id,
       p.played_at,
       p.listener_id,
       p.track_id,
       t.title,
       t.artist,
       p.country AS territory,
       r.rightsholder_id,
       r.share_percent,
       CAST(CASE WHEN r.rightsholder_id IS NOT NULL AND p.ms_played >= 30000
                 THEN 0.004 * r.share_percent / 100 ELSE 0 END AS DECIMAL(12, 6)) AS royalty_eur
FROM music.plays p
LEFT JOIN music.tracks t
       ON t.track_id = p.track_id AND t.valid_from <= p.played_at AND p.played_at < t.valid_to
LEFT JOIN music.rightsholders r
       ON r.track_id = p.track_id AND r.territory = p.country
      AND r.valid_from <= p.played_at AND p.played_at < r.valid_to AND NOT r.is_deleted
