-- Orders and their lines, generated per customer from the macros in Generators.sql.
--
-- About 65% of customers have bought: 1 order (40% of buyers), 2 (20%), 3 (15%), 4 (10%) or 5 to 8 (15%),
-- about 2.6 on average, spread between a first order up to three years before the reference date and a
-- latest one. An order has 1 to 4 distinct products (2 on average).
--
-- Both tables are read from one view, sample_orders, whose lines are a list on the order row: the order
-- totals are sums over that list, so Unified_Transactions always agrees with Unified_Itemized_Transactions
-- without aggregating tens of millions of lines, and both tables come out in generation order.

CREATE OR REPLACE TEMP VIEW sample_buyers AS
SELECT
    i AS customer_index,
    sample_amperity_id(i) AS amperity_id,
    CASE
        WHEN order_count_draw < 40 THEN 1
        WHEN order_count_draw < 60 THEN 2
        WHEN order_count_draw < 75 THEN 3
        WHEN order_count_draw < 85 THEN 4
        ELSE 5 + draw(i, 'more_orders', 4)
    END AS order_count,
    first_order_days_ago,
    draw(i, 'latest_order_days_ago', first_order_days_ago) AS latest_order_days_ago,
    'S' || lpad((1 + draw(i, 'home_store', 60))::VARCHAR, 3, '0') AS home_store_id,
    -- Most customers keep to one channel; the rest mix them.
    [90, 90, 90, 90, 50, 50, 50, 10, 10, 10][1 + draw(i, 'channel_affinity', 10)] AS in_store_percent
FROM (
    SELECT i, draw(i, 'order_count', 100) AS order_count_draw, 1 + draw(i, 'first_order_days_ago', 1095) AS first_order_days_ago
    FROM range(getvariable('sample_customers')) AS customers(i)
    WHERE draw(i, 'buyer', 100) < 65
);

CREATE OR REPLACE TEMP VIEW sample_orders AS
WITH numbered AS (
    SELECT *, unnest(range(order_count)) AS order_number
    FROM sample_buyers
), placed AS (
    SELECT
        *,
        -- Eight order numbers per customer keep every order key unique.
        customer_index * 8 + order_number AS order_key,
        draw(customer_index * 8 + order_number, 'channel', 100) < in_store_percent AS in_store,
        -- Orders are evenly spaced from the first to the latest; every one is before the reference date.
        reference_date()::TIMESTAMP
            - to_days((1 + first_order_days_ago
                - (first_order_days_ago - latest_order_days_ago) * order_number // greatest(order_count - 1, 1))::INTEGER)
            + to_seconds(8 * 3600 + draw(customer_index * 8 + order_number, 'time_of_day', 14 * 3600)) AS order_datetime
    FROM numbered
), channelled AS (
    SELECT
        *,
        CASE WHEN in_store THEN NULL ELSE pick(['web', 'web', 'web', 'mobile app', 'mobile app'], order_key, 'digital_channel') END
            AS digital_channel
    FROM placed
)
SELECT
    amperity_id,
    order_key,
    CASE WHEN in_store THEN 'POS-' ELSE 'WEB-' END || lpad(order_key::VARCHAR, 12, '0') AS order_id,
    -- Each source system knows the customer by its own number; amperity_id is what unifies them.
    CASE WHEN in_store THEN 'L' ELSE 'W' END || lpad((customer_index + 1)::VARCHAR, 10, '0') AS customer_id,
    order_datetime,
    'USD' AS currency,
    CASE WHEN in_store THEN 'in-store' ELSE 'online' END AS purchase_channel,
    digital_channel,
    CASE
        WHEN NOT in_store THEN CASE digital_channel WHEN 'web' THEN 'D001' ELSE 'D002' END
        WHEN draw(order_key, 'away_from_home', 100) < 15 THEN 'S' || lpad((1 + draw(order_key, 'store', 60))::VARCHAR, 3, '0')
        ELSE home_store_id
    END AS store_id,
    pick(['Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine',
          'Harbor & Pine', 'Summit Supply', 'Summit Supply', 'Lumen Beauty'], order_key, 'brand') AS purchase_brand,
    CASE
        WHEN in_store THEN pick(['credit card', 'credit card', 'credit card', 'debit card', 'debit card', 'cash',
                                 'cash', 'gift card', 'digital wallet', 'credit card'], order_key, 'payment_method')
        ELSE pick(['credit card', 'credit card', 'credit card', 'credit card', 'debit card', 'digital wallet',
                   'digital wallet', 'gift card', 'store credit', 'credit card'], order_key, 'payment_method')
    END AS payment_method,
    -- Distinct products per order: steps below 80 never wrap onto an earlier product within four lines.
    list_transform(
        range(CASE WHEN line_count_draw < 40 THEN 1 WHEN line_count_draw < 70 THEN 2 WHEN line_count_draw < 90 THEN 3 ELSE 4 END),
        lambda line_number: {
            'product_index': (first_product + line_number * product_step) % product_catalogue_size(),
            'quantity': line_quantity(order_key * 4 + line_number),
            'discount_percent': line_discount_percent(order_key * 4 + line_number),
            'returned_quantity': line_returned_quantity(order_key * 4 + line_number),
            'canceled_quantity': line_canceled_quantity(order_key * 4 + line_number, NOT in_store)
        }) AS lines
FROM (
    SELECT
        *,
        draw(order_key, 'line_count', 100) AS line_count_draw,
        draw(order_key, 'first_product', product_catalogue_size()) AS first_product,
        1 + draw(order_key, 'product_step', 79) AS product_step
    FROM channelled
);

-- One row per order line, plus one row for each return or cancellation of that line: those carry the same
-- order_id and product_id, a flag, and a negative quantity, so summing a column over all rows nets them out.
-- Subtotal is the price after discounts and before tax; this sample books exactly that as revenue.
CREATE TABLE Unified_Itemized_Transactions AS
WITH order_lines AS (
    SELECT
        * EXCLUDE (lines),
        money(list_sum(list_transform(lines, lambda l: l.quantity * unit_discount_cents(l.product_index, l.discount_percent))))
            AS order_discount_amount,
        unnest(lines) AS line
    FROM sample_orders
), line_rows AS (
    SELECT
        *,
        unnest(
            [{'kind': 'purchase', 'quantity': line.quantity}]
            || CASE WHEN line.returned_quantity > 0 THEN [{'kind': 'return', 'quantity': -line.returned_quantity}] ELSE [] END
            || CASE WHEN line.canceled_quantity > 0 THEN [{'kind': 'cancellation', 'quantity': -line.canceled_quantity}] ELSE [] END
        ) AS entry
    FROM order_lines
), priced AS (
    SELECT
        *,
        entry.quantity AS quantity,
        line.product_index AS p,
        line.discount_percent AS discount_percent,
        product_list_price_cents(line.product_index) AS list_cents,
        unit_discount_cents(line.product_index, line.discount_percent) AS discount_cents,
        unit_revenue_cents(line.product_index, line.discount_percent) AS revenue_cents,
        unit_tax_cents(line.product_index, line.discount_percent, store_id) AS tax_cents,
        product_unit_cost_cents(line.product_index) AS cost_cents
    FROM line_rows
)
SELECT
    amperity_id,
    customer_id,
    currency,
    digital_channel,
    entry.kind = 'cancellation' AS is_cancellation,
    entry.kind = 'return' AS is_return,
    money(quantity * cost_cents) AS item_cost,
    money(quantity * discount_cents) AS item_discount_amount,
    discount_percent::DECIMAL(5, 2) AS item_discount_percent,
    money(quantity * list_cents) AS item_list_price,
    money(quantity * (revenue_cents - cost_cents)) AS item_profit,
    quantity::INTEGER AS item_quantity,
    money(quantity * revenue_cents) AS item_revenue,
    money(quantity * revenue_cents) AS item_subtotal,
    money(quantity * tax_cents) AS item_tax_amount,
    order_datetime,
    order_discount_amount,
    order_id,
    payment_method,
    product_id(p) AS product_id,
    purchase_brand,
    purchase_channel,
    store_id,
    money(cost_cents) AS unit_cost,
    money(discount_cents) AS unit_discount_amount,
    money(list_cents) AS unit_list_price,
    money(revenue_cents - cost_cents) AS unit_profit,
    money(revenue_cents) AS unit_revenue,
    money(revenue_cents) AS unit_subtotal,
    money(tax_cents) AS unit_tax_amount,
    product_name(p) AS product_name,
    product_category(p) AS product_category,
    product_subcategory(p) AS product_subcategory
FROM priced;

-- One row per order. order_quantity and order_revenue count what was bought; returns and cancellations
-- are reported beside them as quantities and revenue <= 0, so net revenue is the sum of the three.
CREATE TABLE Unified_Transactions AS
WITH totals AS (
    SELECT
        *,
        list_sum(list_transform(lines, lambda l: l.quantity)) AS bought_quantity,
        list_sum(list_transform(lines, lambda l: l.returned_quantity)) AS returned_quantity,
        list_sum(list_transform(lines, lambda l: l.canceled_quantity)) AS canceled_quantity,
        list_sum(list_transform(lines, lambda l: l.quantity * unit_revenue_cents(l.product_index, l.discount_percent))) AS revenue_cents,
        list_sum(list_transform(lines, lambda l: l.returned_quantity * unit_revenue_cents(l.product_index, l.discount_percent))) AS returned_cents,
        list_sum(list_transform(lines, lambda l: l.canceled_quantity * unit_revenue_cents(l.product_index, l.discount_percent))) AS canceled_cents,
        list_sum(list_transform(lines, lambda l: l.quantity * unit_discount_cents(l.product_index, l.discount_percent))) AS discount_cents
    FROM sample_orders
)
SELECT
    amperity_id,
    currency,
    customer_id,
    digital_channel,
    (-canceled_quantity)::INTEGER AS order_canceled_quantity,
    money(-canceled_cents) AS order_canceled_revenue,
    order_datetime,
    money(discount_cents) AS order_discount_amount,
    order_id,
    bought_quantity::INTEGER AS order_quantity,
    (-returned_quantity)::INTEGER AS order_returned_quantity,
    money(-returned_cents) AS order_returned_revenue,
    money(revenue_cents) AS order_revenue,
    -- Online orders under $50 pay for shipping.
    CASE WHEN purchase_channel = 'online' AND revenue_cents < 5000 THEN 5.99 ELSE 0 END::DECIMAL(12, 2) AS order_shipping_amount,
    purchase_brand,
    purchase_channel,
    store_id
FROM totals;
