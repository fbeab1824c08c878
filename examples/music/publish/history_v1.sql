-- The whole history of music.tracks, first delivery: 1000 tracks, one version each.
-- Portable SQL: runs as it is on DuckDB and on PostgreSQL.
SELECT CAST(n AS BIGINT) AS track_id,
       CAST('Track ' || n AS VARCHAR) AS title,
       CAST('Artist ' || (n % 97) AS VARCHAR) AS artist,
       CAST(CASE n % 4 WHEN 0 THEN 'pop' WHEN 1 THEN 'rock' WHEN 2 THEN 'jazz' ELSE 'folk' END AS VARCHAR) AS genre,
       CAST(120000 + n * 37 % 180000 AS INTEGER) AS duration_ms,
       CAST(DATE '2015-01-01' + CAST(n % 3000 AS INTEGER) AS DATE) AS released_date,
       TIMESTAMP '2024-01-01 00:00:00' AS valid_from,
       TIMESTAMP '9999-12-31 00:00:00' AS valid_to,
       TRUE AS is_current
FROM generate_series(0, 999) AS s(n)
