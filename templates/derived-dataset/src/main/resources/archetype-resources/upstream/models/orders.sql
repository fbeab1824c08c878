-- The fixture orders: each day's file holds the orders placed that day; each order once.
-- (A subquery rather than QUALIFY, so the model runs on every warehouse meshkit supports.)
SELECT order_id, customer_id, ordered_at, amount
FROM (
    SELECT order_id, customer_id, ordered_at, amount,
           row_number() OVER (PARTITION BY order_id ORDER BY snapshot_date) AS delivery
    FROM sales_staging.orders
) AS deliveries
WHERE delivery = 1
