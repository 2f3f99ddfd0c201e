-- Orders, then their lines, generated from the macros in Generators.sql.
--
-- Order totals and lines come from the same line macros, so Unified_Transactions always equals the sums
-- of Unified_Itemized_Transactions without aggregating tens of millions of rows. Both tables are written
-- in generation order (customer, order, line) through operators that keep it, which makes the files
-- identical from run to run.

-- One row per order. order_quantity and order_revenue count what was bought; returns and cancellations
-- are reported beside them as quantities and revenue <= 0, so net revenue is the sum of the three.
CREATE TABLE Unified_Transactions AS
WITH buyers AS (
    SELECT
        i,
        sample_amperity_id(i) AS amperity_id,
        customer_order_count(i) AS order_count,
        customer_home_store_id(i) AS home_store_id
    FROM sample_customer_indexes
    WHERE customer_order_count(i) > 0
), orders AS (
    SELECT *, unnest(range(order_count)) AS order_number
    FROM buyers
), keyed AS (
    SELECT *, i * 8 + order_number AS order_key
    FROM orders
), placed AS (
    SELECT
        *,
        order_in_store(i, order_key) AS in_store,
        order_line_count(order_key) AS line_count
    FROM keyed
), channelled AS (
    SELECT
        *,
        CASE WHEN NOT in_store THEN pick(['web', 'web', 'web', 'mobile app', 'mobile app'], order_key, 'digital_channel') END
            AS digital_channel,
        order_bought_cents(order_key, line_count) AS bought_cents
    FROM placed
)
SELECT
    amperity_id,
    'USD' AS currency,
    order_customer_id(i, in_store) AS customer_id,
    digital_channel,
    (-order_canceled_quantity(order_key, line_count, NOT in_store))::INTEGER AS order_canceled_quantity,
    money(-order_canceled_cents(order_key, line_count, NOT in_store)) AS order_canceled_revenue,
    order_datetime(i, order_number, order_count) AS order_datetime,
    money(order_discount_cents(order_key, line_count)) AS order_discount_amount,
    order_id(order_key, in_store) AS order_id,
    order_bought_quantity(order_key, line_count)::INTEGER AS order_quantity,
    (-order_returned_quantity(order_key, line_count))::INTEGER AS order_returned_quantity,
    money(-order_returned_cents(order_key, line_count)) AS order_returned_revenue,
    money(bought_cents) AS order_revenue,
    -- Online orders under $50 pay for shipping.
    CASE WHEN NOT in_store AND bought_cents < 5000 THEN 5.99 ELSE 0 END::DECIMAL(12, 2) AS order_shipping_amount,
    pick(['Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine', 'Harbor & Pine',
          'Harbor & Pine', 'Summit Supply', 'Summit Supply', 'Lumen Beauty'], order_key, 'brand') AS purchase_brand,
    CASE WHEN in_store THEN 'in-store' ELSE 'online' END AS purchase_channel,
    CASE
        WHEN NOT in_store THEN CASE digital_channel WHEN 'web' THEN 'D001' ELSE 'D002' END
        WHEN draw(order_key, 'away_from_home', 100) < 15 THEN 'S' || (101 + draw(order_key, 'store', 60))
        ELSE home_store_id
    END AS store_id
FROM channelled;

-- One row per order line, plus one row for a return or a cancellation of that line: it carries the same
-- order_id and product_id, its flag and a negative quantity, so summing a column over all the rows of an
-- order nets them out. Subtotal is the price after discounts and before tax; this sample books exactly
-- that as revenue. Order columns are read back from Unified_Transactions rather than generated again.
CREATE TABLE Unified_Itemized_Transactions AS
WITH orders AS (
    SELECT *, order_key_of(order_id) AS order_key, purchase_channel = 'online' AS online
    FROM Unified_Transactions
), order_lines AS (
    SELECT *, unnest(range(order_line_count(order_key))) AS line_number
    FROM orders
), lines AS (
    SELECT
        *,
        line_product_index(order_key, line_number) AS p,
        line_discount_percent(order_key, line_number) AS discount_percent,
        line_quantity(order_key, line_number) AS bought,
        line_returned_quantity(order_key, line_number) AS returned,
        line_canceled_quantity(order_key, line_number, online) AS canceled
    FROM order_lines
), entries AS (
    -- Entry 0 is the purchase; entry 1, when there is one, takes it back.
    SELECT *, unnest(range(CASE WHEN returned > 0 OR canceled > 0 THEN 2 ELSE 1 END)) AS entry_number
    FROM lines
), priced AS (
    SELECT
        *,
        CASE WHEN entry_number = 0 THEN bought WHEN returned > 0 THEN -returned ELSE -canceled END AS quantity,
        product_list_price_cents(p) AS list_cents,
        unit_discount_cents(p, discount_percent) AS discount_cents,
        unit_revenue_cents(p, discount_percent) AS revenue_cents,
        unit_tax_cents(p, discount_percent, store_id) AS tax_cents,
        product_unit_cost_cents(p) AS cost_cents
    FROM entries
)
SELECT
    amperity_id,
    customer_id,
    currency,
    digital_channel,
    entry_number = 1 AND canceled > 0 AS is_cancellation,
    entry_number = 1 AND returned > 0 AS is_return,
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
    order_payment_method(order_key, NOT online) AS payment_method,
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
