-- The whole history again, with corrections: the first 100 tracks were renamed on 2024-06-01, so
-- each has a closed first version and a current second one (1100 rows).
-- Portable SQL: runs as it is on DuckDB and on PostgreSQL.
SELECT CAST(n AS BIGINT) AS track_id,
       CAST('Track ' || n AS VARCHAR) AS title,
       CAST('Artist ' || (n % 97) AS VARCHAR) AS artist,
       CAST(CASE n % 4 WHEN 0 THEN 'pop' WHEN 1 THEN 'rock' WHEN 2 THEN 'jazz' ELSE 'folk' END AS VARCHAR) AS genre,
       CAST(120000 + n * 37 % 180000 AS INTEGER) AS duration_ms,
       CAST(DATE '2015-01-01' + CAST(n % 3000 AS INTEGER) AS DATE) AS released_date,
       TIMESTAMP '2024-01-01 00:00:00' AS valid_from,
       CASE WHEN n < 100 THEN TIMESTAMP '2024-06-01 00:00:00' ELSE TIMESTAMP '9999-12-31 00:00:00' END AS valid_to,
       n >= 100 AS is_current
FROM generate_series(0, 999) AS s(n)
UNION ALL
SELECT CAST(n AS BIGINT), CAST('Track ' || n || ' (Remastered)' AS VARCHAR), CAST('Artist ' || (n % 97) AS VARCHAR),
       CAST(CASE n % 4 WHEN 0 THEN 'pop' WHEN 1 THEN 'rock' WHEN 2 THEN 'jazz' ELSE 'folk' END AS VARCHAR),
       CAST(120000 + n * 37 % 180000 AS INTEGER), CAST(DATE '2015-01-01' + CAST(n % 3000 AS INTEGER) AS DATE),
       TIMESTAMP '2024-06-01 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE
FROM generate_series(0, 99) AS s(n)
