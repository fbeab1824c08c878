-- ${dataset}: every event once, as the contract's columns. An event log may deliver an event
-- again (a producer's retry, a replayed file): each event_id is taken from the first day it
-- arrived, so a redelivery changes nothing. (A subquery rather than QUALIFY, so the model runs on
-- every warehouse meshkit supports, PostgreSQL included.)
SELECT event_id, user_id, event_type, occurred_at, country, amount
FROM (
    SELECT event_id, user_id, event_type, occurred_at, country, amount,
           row_number() OVER (PARTITION BY event_id ORDER BY snapshot_date) AS delivery
    FROM ${domain}_staging.${datasetName}
) AS deliveries
WHERE delivery = 1
