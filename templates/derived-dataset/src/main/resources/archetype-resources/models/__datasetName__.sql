-- ${dataset}: each order of sales.orders with the customer as crm.customers knew them when the
-- order was placed: the version with valid_from <= ordered_at < valid_to (the SCD2 as-of join), so
-- an order keeps the segment of its time when the customer moves on. An order whose customer had
-- no version then (unknown, or not yet created) keeps its row, with no name and no segment.
SELECT o.order_id,
       o.ordered_at,
       o.customer_id,
       c.name AS customer_name,
       c.segment,
       CAST(o.amount AS DECIMAL(12, 2)) AS amount
FROM sales.orders o
LEFT JOIN crm.customers c
       ON c.customer_id = o.customer_id AND c.valid_from <= o.ordered_at AND o.ordered_at < c.valid_to
