-- Fills Transaction_Attributes_Extended for the customers of bucket getvariable('sample_bucket'),
-- as defined in TransactionAttributes.sql.

CREATE OR REPLACE TEMP TABLE sample_channel_preferences AS FROM sample_period_preferences(purchase_channel);

CREATE OR REPLACE TEMP TABLE sample_store_preferences AS FROM sample_period_preferences(store_id);

CREATE OR REPLACE TEMP TABLE sample_order_summaries AS
SELECT
    amperity_id,
    arg_min({'datetime': order_datetime, 'order_id': order_id, 'revenue': net_revenue, 'total_items': net_items,
             'purchase_channel': purchase_channel},
            (order_datetime, order_id), 2) AS first_two,
    arg_max({'datetime': order_datetime, 'order_id': order_id, 'revenue': net_revenue, 'total_items': net_items,
             'purchase_channel': purchase_channel},
            (order_datetime, order_id)) AS latest,
    coalesce(sum(net_revenue) FILTER (WHERE in_l30d), 0)::DECIMAL(12, 2) AS l30d_order_revenue,
    (count(*) FILTER (WHERE in_l30d))::INTEGER AS l30d_order_frequency,
    coalesce(sum(net_items) FILTER (WHERE in_l30d), 0)::INTEGER AS l30d_total_items,
    coalesce(sum(net_revenue) FILTER (WHERE in_l3m), 0)::DECIMAL(12, 2) AS l3m_order_revenue,
    (count(*) FILTER (WHERE in_l3m))::INTEGER AS l3m_order_frequency,
    coalesce(sum(net_items) FILTER (WHERE in_l3m), 0)::INTEGER AS l3m_total_items,
    coalesce(sum(net_revenue) FILTER (WHERE in_l6m), 0)::DECIMAL(12, 2) AS l6m_order_revenue,
    (count(*) FILTER (WHERE in_l6m))::INTEGER AS l6m_order_frequency,
    coalesce(sum(net_items) FILTER (WHERE in_l6m), 0)::INTEGER AS l6m_total_items,
    coalesce(sum(net_revenue) FILTER (WHERE in_l12m), 0)::DECIMAL(12, 2) AS l12m_order_revenue,
    (count(*) FILTER (WHERE in_l12m))::INTEGER AS l12m_order_frequency,
    coalesce(sum(net_items) FILTER (WHERE in_l12m), 0)::INTEGER AS l12m_total_items,
    coalesce(sum(net_revenue) FILTER (WHERE in_ly12m), 0)::DECIMAL(12, 2) AS ly12m_order_revenue,
    (count(*) FILTER (WHERE in_ly12m))::INTEGER AS ly12m_order_frequency,
    coalesce(sum(net_items) FILTER (WHERE in_ly12m), 0)::INTEGER AS ly12m_total_items,
    sum(net_revenue)::DECIMAL(12, 2) AS lifetime_order_revenue,
    count(*)::INTEGER AS lifetime_order_frequency,
    sum(net_items)::INTEGER AS lifetime_total_items
FROM sample_order_periods
GROUP BY amperity_id;

INSERT INTO Transaction_Attributes_Extended BY NAME
SELECT
    amperity_id,
    first_two[1].datetime AS first_order_datetime,
    first_two[1].order_id AS first_order_id,
    first_two[1].revenue AS first_order_revenue,
    first_two[1].total_items AS first_order_total_items,
    first_two[1].purchase_channel AS first_order_purchase_channel,
    first_two[2].datetime AS second_order_datetime,
    first_two[2].order_id AS second_order_id,
    first_two[2].revenue AS second_order_revenue,
    first_two[2].total_items AS second_order_total_items,
    first_two[2].purchase_channel AS second_order_purchase_channel,
    latest.datetime AS latest_order_datetime,
    latest.order_id AS latest_order_id,
    latest.revenue AS latest_order_revenue,
    latest.total_items AS latest_order_total_items,
    latest.purchase_channel AS latest_order_purchase_channel,
    date_diff('day', latest.datetime::DATE, reference_date())::INTEGER AS days_since_latest_order,
    date_diff('day', first_two[1].datetime::DATE, first_two[2].datetime::DATE)::INTEGER AS first_to_second_order_days,
    coalesce(date_diff('day', first_two[1].datetime::DATE, first_two[2].datetime::DATE) <= 90, FALSE) AS early_repeat_purchaser,
    lifetime_order_frequency = 1 AS one_and_done,
    channels.distinct_values > 1 AS multi_purchase_channel,
    l30d_order_revenue,
    l30d_order_frequency,
    l30d_total_items,
    (l30d_order_revenue / nullif(l30d_order_frequency, 0))::DECIMAL(12, 2) AS l30d_average_order_value,
    channels.l30d AS l30d_preferred_purchase_channel,
    stores.l30d AS l30d_preferred_store_id,
    l3m_order_revenue,
    l3m_order_frequency,
    l3m_total_items,
    (l3m_order_revenue / nullif(l3m_order_frequency, 0))::DECIMAL(12, 2) AS l3m_average_order_value,
    channels.l3m AS l3m_preferred_purchase_channel,
    stores.l3m AS l3m_preferred_store_id,
    l6m_order_revenue,
    l6m_order_frequency,
    l6m_total_items,
    (l6m_order_revenue / nullif(l6m_order_frequency, 0))::DECIMAL(12, 2) AS l6m_average_order_value,
    channels.l6m AS l6m_preferred_purchase_channel,
    stores.l6m AS l6m_preferred_store_id,
    l12m_order_revenue,
    l12m_order_frequency,
    l12m_total_items,
    (l12m_order_revenue / nullif(l12m_order_frequency, 0))::DECIMAL(12, 2) AS l12m_average_order_value,
    channels.l12m AS l12m_preferred_purchase_channel,
    stores.l12m AS l12m_preferred_store_id,
    ly12m_order_revenue,
    ly12m_order_frequency,
    ly12m_total_items,
    (ly12m_order_revenue / nullif(ly12m_order_frequency, 0))::DECIMAL(12, 2) AS ly12m_average_order_value,
    channels.ly12m AS ly12m_preferred_purchase_channel,
    stores.ly12m AS ly12m_preferred_store_id,
    lifetime_order_revenue,
    lifetime_order_frequency,
    lifetime_total_items,
    (lifetime_order_revenue / lifetime_order_frequency)::DECIMAL(12, 2) AS lifetime_average_order_value,
    channels.lifetime AS lifetime_preferred_purchase_channel,
    stores.lifetime AS lifetime_preferred_store_id
FROM sample_order_summaries
JOIN sample_channel_preferences AS channels USING (amperity_id)
JOIN sample_store_preferences AS stores USING (amperity_id)
-- Joins give up row order; sorting keeps the file identical from run to run.
ORDER BY amperity_id;

DROP TABLE sample_channel_preferences;
DROP TABLE sample_store_preferences;
DROP TABLE sample_order_summaries;
