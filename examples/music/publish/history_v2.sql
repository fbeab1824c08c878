-- The whole history again, with corrections: the first 100 tracks were renamed on 2024-06-01, so
-- each has a closed first version and a current second one (1100 rows).
-- Portable SQL: runs as it is on DuckDB and on PostgreSQL.
SELECT CAST(t.n AS BIGINT) AS track_id,
       CAST('Track ' || t.n || CASE WHEN v.renamed THEN ' (Remastered)' ELSE '' END AS VARCHAR) AS title,
       CAST('Artist ' || (t.n % 97) AS VARCHAR) AS artist,
       CAST(CASE t.n % 4 WHEN 0 THEN 'pop' WHEN 1 THEN 'rock' WHEN 2 THEN 'jazz' ELSE 'folk' END AS VARCHAR) AS genre,
       CAST(120000 + t.n * 37 % 180000 AS INTEGER) AS duration_ms,
       CAST(DATE '2015-01-01' + CAST(t.n % 3000 AS INTEGER) AS DATE) AS released_date,
       CASE WHEN v.renamed THEN TIMESTAMP '2024-06-01 00:00:00' ELSE TIMESTAMP '2024-01-01 00:00:00' END AS valid_from,
       CASE WHEN t.n < 100 AND NOT v.renamed THEN TIMESTAMP '2024-06-01 00:00:00' ELSE TIMESTAMP '9999-12-31 00:00:00' END AS valid_to,
       t.n >= 100 OR v.renamed AS is_current
FROM generate_series(0, 999) AS t(n)
JOIN (VALUES (FALSE), (TRUE)) AS v(renamed) ON NOT v.renamed OR t.n < 100
