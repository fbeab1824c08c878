-- The fixture orders: each day's file holds the orders placed that day; each order once.
SELECT order_id, customer_id, ordered_at, amount
FROM sales_staging.orders
QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY snapshot_date) = 1
