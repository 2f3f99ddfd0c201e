-- One row per customer who bought, computed from Unified_Transactions alone, so it always agrees with it.
-- This script defines the table, a view and macros; TransactionAttributesBucket.sql fills it one bucket of
-- customers at a time, because aggregates over text (the first order's id, the preferred store) keep
-- their state in memory DuckDB cannot spill, and a bucket bounds it.
--
-- Definitions:
--   * An order's revenue here is net: order_revenue + order_returned_revenue + order_canceled_revenue.
--     Its total items are net the same way. A fully cancelled order still counts as an order.
--   * Periods end just before the reference date: l30d is the last 30 days, l3m, l6m and l12m the last 3,
--     6 and 12 months, ly12m the 12 months before those, lifetime everything.
--   * Without an order in a period, P_order_revenue, P_order_frequency and P_total_items are 0 and
--     P_average_order_value and the preferences are NULL.
--   * The preferred purchase channel and store of a period are those with the most orders in it; a tie
--     goes to the one with the latest order (at any time), then to the greater value.
--   * first_, second_ and latest_ order are by order_datetime, then order_id.
--   * early_repeat_purchaser: a second order within 90 days of the first. one_and_done: exactly one order.
--     multi_purchase_channel: orders in more than one purchase channel.

CREATE TABLE Transaction_Attributes_Extended (
    amperity_id VARCHAR NOT NULL,
    first_order_datetime TIMESTAMP,
    first_order_id VARCHAR,
    first_order_revenue DECIMAL(12, 2),
    first_order_total_items INTEGER,
    first_order_purchase_channel VARCHAR,
    second_order_datetime TIMESTAMP,
    second_order_id VARCHAR,
    second_order_revenue DECIMAL(12, 2),
    second_order_total_items INTEGER,
    second_order_purchase_channel VARCHAR,
    latest_order_datetime TIMESTAMP,
    latest_order_id VARCHAR,
    latest_order_revenue DECIMAL(12, 2),
    latest_order_total_items INTEGER,
    latest_order_purchase_channel VARCHAR,
    days_since_latest_order INTEGER NOT NULL,
    first_to_second_order_days INTEGER,
    early_repeat_purchaser BOOLEAN NOT NULL,
    one_and_done BOOLEAN NOT NULL,
    multi_purchase_channel BOOLEAN NOT NULL,
    l30d_order_revenue DECIMAL(12, 2) NOT NULL,
    l30d_order_frequency INTEGER NOT NULL,
    l30d_total_items INTEGER NOT NULL,
    l30d_average_order_value DECIMAL(12, 2),
    l30d_preferred_purchase_channel VARCHAR,
    l30d_preferred_store_id VARCHAR,
    l3m_order_revenue DECIMAL(12, 2) NOT NULL,
    l3m_order_frequency INTEGER NOT NULL,
    l3m_total_items INTEGER NOT NULL,
    l3m_average_order_value DECIMAL(12, 2),
    l3m_preferred_purchase_channel VARCHAR,
    l3m_preferred_store_id VARCHAR,
    l6m_order_revenue DECIMAL(12, 2) NOT NULL,
    l6m_order_frequency INTEGER NOT NULL,
    l6m_total_items INTEGER NOT NULL,
    l6m_average_order_value DECIMAL(12, 2),
    l6m_preferred_purchase_channel VARCHAR,
    l6m_preferred_store_id VARCHAR,
    l12m_order_revenue DECIMAL(12, 2) NOT NULL,
    l12m_order_frequency INTEGER NOT NULL,
    l12m_total_items INTEGER NOT NULL,
    l12m_average_order_value DECIMAL(12, 2),
    l12m_preferred_purchase_channel VARCHAR,
    l12m_preferred_store_id VARCHAR,
    ly12m_order_revenue DECIMAL(12, 2) NOT NULL,
    ly12m_order_frequency INTEGER NOT NULL,
    ly12m_total_items INTEGER NOT NULL,
    ly12m_average_order_value DECIMAL(12, 2),
    ly12m_preferred_purchase_channel VARCHAR,
    ly12m_preferred_store_id VARCHAR,
    lifetime_order_revenue DECIMAL(12, 2) NOT NULL,
    lifetime_order_frequency INTEGER NOT NULL,
    lifetime_total_items INTEGER NOT NULL,
    lifetime_average_order_value DECIMAL(12, 2),
    lifetime_preferred_purchase_channel VARCHAR,
    lifetime_preferred_store_id VARCHAR
);

-- Buckets are ranges of amperity_id, so filling them in turn leaves the table sorted by amperity_id.
CREATE OR REPLACE TEMP MACRO sample_bucket_of(amperity_id, buckets) AS
    ('0x' || amperity_id[1:4])::INTEGER * buckets // 65536;

-- The orders of the current bucket's customers.
CREATE OR REPLACE TEMP VIEW sample_order_periods AS
SELECT
    amperity_id,
    order_id,
    order_datetime,
    purchase_channel,
    store_id,
    (order_revenue + order_returned_revenue + order_canceled_revenue)::DECIMAL(12, 2) AS net_revenue,
    (order_quantity + order_returned_quantity + order_canceled_quantity)::INTEGER AS net_items,
    order_datetime >= reference_date() - INTERVAL 30 DAY AS in_l30d,
    order_datetime >= reference_date() - INTERVAL 3 MONTH AS in_l3m,
    order_datetime >= reference_date() - INTERVAL 6 MONTH AS in_l6m,
    order_datetime >= reference_date() - INTERVAL 12 MONTH AS in_l12m,
    order_datetime >= reference_date() - INTERVAL 24 MONTH AND order_datetime < reference_date() - INTERVAL 12 MONTH AS in_ly12m,
    TRUE AS in_lifetime
FROM Unified_Transactions
WHERE order_datetime < reference_date()
  AND sample_bucket_of(amperity_id, getvariable('sample_buckets')) = getvariable('sample_bucket');

-- Orders per customer and value (a purchase channel or a store) in each period, with the latest order
-- to break ties.
CREATE OR REPLACE TEMP MACRO sample_period_counts(value_column) AS TABLE
SELECT
    amperity_id,
    value_column AS value,
    count(*) FILTER (WHERE in_l30d) AS l30d,
    count(*) FILTER (WHERE in_l3m) AS l3m,
    count(*) FILTER (WHERE in_l6m) AS l6m,
    count(*) FILTER (WHERE in_l12m) AS l12m,
    count(*) FILTER (WHERE in_ly12m) AS ly12m,
    count(*) AS lifetime,
    max(order_datetime) AS latest
FROM sample_order_periods
GROUP BY ALL;

CREATE OR REPLACE TEMP MACRO sample_period_preferences(value_column) AS TABLE
SELECT
    amperity_id,
    arg_max(value, (l30d, latest, value)) FILTER (WHERE l30d > 0) AS l30d,
    arg_max(value, (l3m, latest, value)) FILTER (WHERE l3m > 0) AS l3m,
    arg_max(value, (l6m, latest, value)) FILTER (WHERE l6m > 0) AS l6m,
    arg_max(value, (l12m, latest, value)) FILTER (WHERE l12m > 0) AS l12m,
    arg_max(value, (ly12m, latest, value)) FILTER (WHERE ly12m > 0) AS ly12m,
    arg_max(value, (lifetime, latest, value)) AS lifetime,
    count(*) AS distinct_values
FROM sample_period_counts(value_column)
GROUP BY amperity_id;
