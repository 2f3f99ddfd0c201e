-- insider_users: one row per customer, as Insider One's Snowflake integration imports user profiles
-- (customer-360.md, "Insider One tables"). Edit freely: Herald checks the columns uuid (text, the key) and
-- updated_at (a timestamp) and that email and phone_number are valid or null before every sync.
-- updated_at comes from the data, never from now(): the customer's latest order, so an incremental sync
-- moves only customers whose row can have changed. Customer_360 has no change time of its own; a source
-- that has one should use it here.
SELECT
    c.amperity_id AS uuid,
    CASE WHEN regexp_full_match(lower(trim(c.email)), '[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}')
         THEN lower(trim(c.email)) END AS email,
    CASE
        WHEN regexp_full_match(trim(c.phone), '\+[1-9][0-9]{6,14}') THEN trim(c.phone)
        WHEN regexp_full_match(regexp_replace(c.phone, '[ ().-]', '', 'g'), '1?[2-9][0-9]{9}')
             THEN '+1' || right(regexp_replace(c.phone, '[ ().-]', '', 'g'), 10)
    END AS phone_number,
    nullif(trim(c.given_name), '') AS name,
    nullif(trim(c.surname), '') AS surname,
    c.gender AS gender,
    CASE WHEN c.birthdate > DATE '1900-01-01' THEN c.birthdate END AS birthday,
    nullif(trim(c.city), '') AS city,
    'US' AS country,
    c.email_optin AS email_optin,
    coalesce(t.lifetime_order_revenue, 0)::DECIMAL(12, 2) AS lifetime_revenue,
    coalesce(t.lifetime_order_frequency, 0)::INTEGER AS order_count,
    c.loyalty_tier AS loyalty_tier,
    c.preferred_store_id AS preferred_store_id,
    coalesce(t.latest_order_datetime, TIMESTAMP '2000-01-01 00:00:00') AS updated_at
FROM Customer_360 AS c
LEFT JOIN Transaction_Attributes_Extended AS t ON t.amperity_id = c.amperity_id
