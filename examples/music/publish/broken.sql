-- A broken delivery: the first 10 tracks come twice, both versions current and valid from the same
-- moment (a join that fanned out), so the key, overlap and one-current checks fail.
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
FROM generate_series(0, 989) AS s(n)
UNION ALL
SELECT CAST(n AS BIGINT), CAST('Track ' || n || ' (copy)' AS VARCHAR), CAST('Artist ' || (n % 97) AS VARCHAR),
       CAST('pop' AS VARCHAR), CAST(120000 AS INTEGER), CAST(DATE '2015-01-01' AS DATE),
       TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE
FROM generate_series(0, 9) AS s(n)
