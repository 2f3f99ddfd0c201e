-- insider_events: one row per purchase or return of a product, as Insider One's Snowflake integration imports
-- events (customer-360.md, "Insider One tables"). Edit freely: Herald checks the columns event_id (text, the
-- key), uuid, event_name (matching ^[a-z0-9][a-zA-Z0-9._-]*$), timestamp and updated_at before every sync.
-- Cancellations are not events a marketer acts on and are left out. An event never changes once it happened,
-- so updated_at is the order's own time: an incremental sync moves new events only.
SELECT
    i.order_id || '/' || i.product_id || '/' || CASE WHEN i.is_return THEN 'return' ELSE 'purchase' END AS event_id,
    i.amperity_id AS uuid,
    CASE WHEN i.is_return THEN 'return' ELSE 'purchase' END AS event_name,
    i.order_datetime AS "timestamp",
    i.order_id AS event_group_id,
    i.product_id AS product_id,
    i.product_name AS name,
    concat_ws(' > ', i.product_category, i.product_subcategory) AS taxonomy,
    i.currency AS currency,
    abs(i.item_quantity)::INTEGER AS quantity,
    i.unit_list_price AS unit_price,
    i.unit_revenue AS unit_sale_price,
    i.store_id AS store_id,
    i.order_datetime AS updated_at
FROM Unified_Itemized_Transactions AS i
WHERE NOT i.is_cancellation
