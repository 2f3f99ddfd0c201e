-- The macros every other sample script builds on, and the customer indexes they are applied to.
-- Macros and the index table are TEMP, so the database file keeps only the customer 360 tables.
--
-- Every value is a function of a customer index (or of an order or line key) through hash(): the same
-- arguments give the same data on every run and with any number of threads, which random() would not.
-- Each draw has its own salt so that, say, the gender and the email quality of a customer are independent.

-- n is cast because hash() is UBIGINT: with a BIGINT divisor DuckDB computes in HUGEINT, 20 times slower.
CREATE OR REPLACE TEMP MACRO draw(key, salt, n) AS (hash(key, salt) % n::UBIGINT)::BIGINT;

CREATE OR REPLACE TEMP MACRO pick(choices, key, salt) AS choices[1 + draw(key, salt, len(choices))];

-- Periods (l30d, l12m, ...) and recency are measured from this date rather than today, so a file built
-- next year answers every query exactly as one built now.
CREATE OR REPLACE TEMP MACRO reference_date() AS DATE '2026-11-01';

-- Money is computed in whole cents and converted at the end, so line sums equal order totals exactly.
CREATE OR REPLACE TEMP MACRO money(cents) AS (cents / 100)::DECIMAL(12, 2);

-- range() is read by a single thread; scanning a table of the indexes lets every statement use all cores.
CREATE OR REPLACE TEMP TABLE sample_customer_indexes AS
SELECT i FROM range(getvariable('sample_customers')) AS customers(i);

-- ---------------------------------------------------------------------------------------------------------
-- Customers

CREATE OR REPLACE TEMP MACRO sample_amperity_id(i) AS
    regexp_replace(md5('herald-sample-customer-' || i), '^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\1-\2-\3-\4-\5');

CREATE OR REPLACE TEMP MACRO sample_gender(i) AS
    CASE
        WHEN draw(i, 'gender', 100) < 48 THEN 'F'
        WHEN draw(i, 'gender', 100) < 94 THEN 'M'
        WHEN draw(i, 'gender', 100) < 97 THEN 'X'
    END;

-- Each name comes with the word people make of it in an email address (accents dropped, letters only).
CREATE OR REPLACE TEMP MACRO sample_given_name(i) AS
    CASE sample_gender(i)
        WHEN 'F' THEN pick([
            {'name': 'Mary', 'word': 'mary'}, {'name': 'Patricia', 'word': 'patricia'},
            {'name': 'Jennifer', 'word': 'jennifer'}, {'name': 'Linda', 'word': 'linda'},
            {'name': 'Elizabeth', 'word': 'elizabeth'}, {'name': 'Susan', 'word': 'susan'},
            {'name': 'Jessica', 'word': 'jessica'}, {'name': 'Sarah', 'word': 'sarah'},
            {'name': 'Karen', 'word': 'karen'}, {'name': 'Emily', 'word': 'emily'},
            {'name': 'Olivia', 'word': 'olivia'}, {'name': 'Emma', 'word': 'emma'},
            {'name': 'Sophia', 'word': 'sophia'}, {'name': 'Ava', 'word': 'ava'},
            {'name': 'Mia', 'word': 'mia'}, {'name': 'Isabella', 'word': 'isabella'},
            {'name': 'Chloé', 'word': 'chloe'}, {'name': 'Zoë', 'word': 'zoe'},
            {'name': 'María', 'word': 'maria'}, {'name': 'Ana', 'word': 'ana'},
            {'name': 'Priya', 'word': 'priya'}, {'name': 'Mei', 'word': 'mei'},
            {'name': 'Aisha', 'word': 'aisha'}, {'name': 'Fatima', 'word': 'fatima'},
            {'name': 'Ingrid', 'word': 'ingrid'}, {'name': 'Anne Marie', 'word': 'annemarie'},
            {'name': 'Mary-Kate', 'word': 'marykate'}, {'name': 'Siobhán', 'word': 'siobhan'},
            {'name': 'Yuki', 'word': 'yuki'}, {'name': 'Hannah', 'word': 'hannah'},
            {'name': 'Grace', 'word': 'grace'}, {'name': 'Léa', 'word': 'lea'}
        ], i, 'given_name')
        WHEN 'M' THEN pick([
            {'name': 'James', 'word': 'james'}, {'name': 'Robert', 'word': 'robert'},
            {'name': 'John', 'word': 'john'}, {'name': 'Michael', 'word': 'michael'},
            {'name': 'David', 'word': 'david'}, {'name': 'William', 'word': 'william'},
            {'name': 'Richard', 'word': 'richard'}, {'name': 'Joseph', 'word': 'joseph'},
            {'name': 'Thomas', 'word': 'thomas'}, {'name': 'Christopher', 'word': 'christopher'},
            {'name': 'Daniel', 'word': 'daniel'}, {'name': 'Matthew', 'word': 'matthew'},
            {'name': 'Anthony', 'word': 'anthony'}, {'name': 'José', 'word': 'jose'},
            {'name': 'Łukasz', 'word': 'lukasz'}, {'name': 'Søren', 'word': 'soren'},
            {'name': 'Jürgen', 'word': 'jurgen'}, {'name': 'François', 'word': 'francois'},
            {'name': 'Mohammed', 'word': 'mohammed'}, {'name': 'Wei', 'word': 'wei'},
            {'name': 'Hiroshi', 'word': 'hiroshi'}, {'name': 'Raj', 'word': 'raj'},
            {'name': 'Ahmed', 'word': 'ahmed'}, {'name': 'Liam', 'word': 'liam'},
            {'name': 'Noah', 'word': 'noah'}, {'name': 'Ethan', 'word': 'ethan'},
            {'name': 'Lucas', 'word': 'lucas'}, {'name': 'Mateo', 'word': 'mateo'},
            {'name': 'Oliver', 'word': 'oliver'}, {'name': 'Robert "Bob"', 'word': 'bob'},
            {'name': 'Björn', 'word': 'bjorn'}, {'name': 'Andrés', 'word': 'andres'}
        ], i, 'given_name')
        ELSE pick([
            {'name': 'Alex', 'word': 'alex'}, {'name': 'Jordan', 'word': 'jordan'},
            {'name': 'Taylor', 'word': 'taylor'}, {'name': 'Morgan', 'word': 'morgan'},
            {'name': 'Casey', 'word': 'casey'}, {'name': 'Riley', 'word': 'riley'},
            {'name': 'Jamie', 'word': 'jamie'}, {'name': 'Avery', 'word': 'avery'},
            {'name': 'Quinn', 'word': 'quinn'}, {'name': 'Sam', 'word': 'sam'},
            {'name': 'Noa', 'word': 'noa'}, {'name': 'Rowan', 'word': 'rowan'}
        ], i, 'given_name')
    END;

-- Surnames with punctuation are rare in real files but are the ones that break CSV writers and naive
-- quoting, so about 1.5% of customers get one.
CREATE OR REPLACE TEMP MACRO sample_surname(i) AS
    CASE
        WHEN draw(i, 'punctuated_surname', 1000) < 15 THEN pick([
            {'name': 'O''Brien', 'word': 'obrien'}, {'name': 'D''Angelo', 'word': 'dangelo'},
            {'name': 'Smith, Jr.', 'word': 'smith'}, {'name': 'Lee, III', 'word': 'lee'},
            {'name': 'O''Connor', 'word': 'oconnor'}
        ], i, 'surname')
        ELSE pick([
            {'name': 'Smith', 'word': 'smith'}, {'name': 'Johnson', 'word': 'johnson'},
            {'name': 'Williams', 'word': 'williams'}, {'name': 'Brown', 'word': 'brown'},
            {'name': 'Jones', 'word': 'jones'}, {'name': 'Garcia', 'word': 'garcia'},
            {'name': 'Miller', 'word': 'miller'}, {'name': 'Davis', 'word': 'davis'},
            {'name': 'Rodriguez', 'word': 'rodriguez'}, {'name': 'Martinez', 'word': 'martinez'},
            {'name': 'Hernandez', 'word': 'hernandez'}, {'name': 'Lopez', 'word': 'lopez'},
            {'name': 'Gonzalez', 'word': 'gonzalez'}, {'name': 'Wilson', 'word': 'wilson'},
            {'name': 'Anderson', 'word': 'anderson'}, {'name': 'Thomas', 'word': 'thomas'},
            {'name': 'Taylor', 'word': 'taylor'}, {'name': 'Moore', 'word': 'moore'},
            {'name': 'Jackson', 'word': 'jackson'}, {'name': 'Martin', 'word': 'martin'},
            {'name': 'Lee', 'word': 'lee'}, {'name': 'Perez', 'word': 'perez'},
            {'name': 'Thompson', 'word': 'thompson'}, {'name': 'White', 'word': 'white'},
            {'name': 'Harris', 'word': 'harris'}, {'name': 'Sanchez', 'word': 'sanchez'},
            {'name': 'Clark', 'word': 'clark'}, {'name': 'Ramirez', 'word': 'ramirez'},
            {'name': 'Lewis', 'word': 'lewis'}, {'name': 'Robinson', 'word': 'robinson'},
            {'name': 'Walker', 'word': 'walker'}, {'name': 'Young', 'word': 'young'},
            {'name': 'Allen', 'word': 'allen'}, {'name': 'King', 'word': 'king'},
            {'name': 'Wright', 'word': 'wright'}, {'name': 'Scott', 'word': 'scott'},
            {'name': 'Torres', 'word': 'torres'}, {'name': 'Nguyen', 'word': 'nguyen'},
            {'name': 'Hill', 'word': 'hill'}, {'name': 'Flores', 'word': 'flores'},
            {'name': 'Green', 'word': 'green'}, {'name': 'Adams', 'word': 'adams'},
            {'name': 'Nelson', 'word': 'nelson'}, {'name': 'Baker', 'word': 'baker'},
            {'name': 'Hall', 'word': 'hall'}, {'name': 'Rivera', 'word': 'rivera'},
            {'name': 'Campbell', 'word': 'campbell'}, {'name': 'Mitchell', 'word': 'mitchell'},
            {'name': 'Carter', 'word': 'carter'}, {'name': 'Roberts', 'word': 'roberts'},
            {'name': 'Kim', 'word': 'kim'}, {'name': 'Patel', 'word': 'patel'},
            {'name': 'Chen', 'word': 'chen'}, {'name': 'Wang', 'word': 'wang'},
            {'name': 'Singh', 'word': 'singh'}, {'name': 'Cohen', 'word': 'cohen'},
            {'name': 'Müller', 'word': 'muller'}, {'name': 'Ñuñez', 'word': 'nunez'},
            {'name': 'Søndergaard', 'word': 'sondergaard'}, {'name': 'Kowalski', 'word': 'kowalski'},
            {'name': 'Peña', 'word': 'pena'}, {'name': 'Björk', 'word': 'bjork'},
            {'name': 'Dubois', 'word': 'dubois'}, {'name': 'Schäfer', 'word': 'schafer'},
            {'name': 'Nowak', 'word': 'nowak'}, {'name': 'van der Berg', 'word': 'vanderberg'},
            {'name': 'De La Cruz', 'word': 'delacruz'}, {'name': 'Johnson-Smith', 'word': 'johnsonsmith'},
            {'name': 'García', 'word': 'garcia'}, {'name': 'Øvergaard', 'word': 'overgaard'}
        ], i, 'surname')
    END;

-- Reserved example domains only (RFC 2606 and 6761), so no sample address can reach a real mailbox.
CREATE OR REPLACE TEMP MACRO sample_email_domain(i) AS
    pick(['example.com', 'example.com', 'example.com', 'example.org', 'example.net', 'example.net',
          'mail.example', 'mail.example', 'shop.example', 'inbox.example'], i, 'email_domain');

-- The customer index in the address keeps every well-formed address unique; duplicates are made on purpose.
CREATE OR REPLACE TEMP MACRO sample_email_address(i, given_word, surname_word) AS
    CASE draw(i, 'email_style', 10)
        WHEN 0 THEN given_word || i
        WHEN 1 THEN given_word[1] || surname_word || i
        WHEN 2 THEN surname_word || '_' || given_word || i
        WHEN 3 THEN given_word || '.' || surname_word || '+' || i
        ELSE given_word || '.' || surname_word || i
    END || '@' || sample_email_domain(i);

-- US cities with their state, the first three digits of their ZIP codes and an area code.
CREATE OR REPLACE TEMP MACRO sample_city(i, salt) AS
    pick([
        {'city': 'San Francisco', 'state': 'CA', 'state_name': 'California', 'zip3': '941', 'area': '415'},
        {'city': 'Los Angeles', 'state': 'CA', 'state_name': 'California', 'zip3': '900', 'area': '213'},
        {'city': 'San Diego', 'state': 'CA', 'state_name': 'California', 'zip3': '921', 'area': '619'},
        {'city': 'New York', 'state': 'NY', 'state_name': 'New York', 'zip3': '100', 'area': '212'},
        {'city': 'Brooklyn', 'state': 'NY', 'state_name': 'New York', 'zip3': '112', 'area': '718'},
        {'city': 'Chicago', 'state': 'IL', 'state_name': 'Illinois', 'zip3': '606', 'area': '312'},
        {'city': 'Houston', 'state': 'TX', 'state_name': 'Texas', 'zip3': '770', 'area': '713'},
        {'city': 'Austin', 'state': 'TX', 'state_name': 'Texas', 'zip3': '787', 'area': '512'},
        {'city': 'Dallas', 'state': 'TX', 'state_name': 'Texas', 'zip3': '752', 'area': '214'},
        {'city': 'Seattle', 'state': 'WA', 'state_name': 'Washington', 'zip3': '981', 'area': '206'},
        {'city': 'Portland', 'state': 'OR', 'state_name': 'Oregon', 'zip3': '972', 'area': '503'},
        {'city': 'Denver', 'state': 'CO', 'state_name': 'Colorado', 'zip3': '802', 'area': '303'},
        {'city': 'Phoenix', 'state': 'AZ', 'state_name': 'Arizona', 'zip3': '850', 'area': '602'},
        {'city': 'Boston', 'state': 'MA', 'state_name': 'Massachusetts', 'zip3': '021', 'area': '617'},
        {'city': 'Miami', 'state': 'FL', 'state_name': 'Florida', 'zip3': '331', 'area': '305'},
        {'city': 'Orlando', 'state': 'FL', 'state_name': 'Florida', 'zip3': '328', 'area': '407'},
        {'city': 'Atlanta', 'state': 'GA', 'state_name': 'Georgia', 'zip3': '303', 'area': '404'},
        {'city': 'Philadelphia', 'state': 'PA', 'state_name': 'Pennsylvania', 'zip3': '191', 'area': '215'},
        {'city': 'Pittsburgh', 'state': 'PA', 'state_name': 'Pennsylvania', 'zip3': '152', 'area': '412'},
        {'city': 'Minneapolis', 'state': 'MN', 'state_name': 'Minnesota', 'zip3': '554', 'area': '612'},
        {'city': 'Detroit', 'state': 'MI', 'state_name': 'Michigan', 'zip3': '482', 'area': '313'},
        {'city': 'Nashville', 'state': 'TN', 'state_name': 'Tennessee', 'zip3': '372', 'area': '615'},
        {'city': 'Charlotte', 'state': 'NC', 'state_name': 'North Carolina', 'zip3': '282', 'area': '704'},
        {'city': 'Columbus', 'state': 'OH', 'state_name': 'Ohio', 'zip3': '432', 'area': '614'},
        {'city': 'Las Vegas', 'state': 'NV', 'state_name': 'Nevada', 'zip3': '891', 'area': '702'},
        {'city': 'Salt Lake City', 'state': 'UT', 'state_name': 'Utah', 'zip3': '841', 'area': '801'},
        {'city': 'Kansas City', 'state': 'MO', 'state_name': 'Missouri', 'zip3': '641', 'area': '816'},
        {'city': 'New Orleans', 'state': 'LA', 'state_name': 'Louisiana', 'zip3': '701', 'area': '504'},
        {'city': 'Newark', 'state': 'NJ', 'state_name': 'New Jersey', 'zip3': '071', 'area': '973'},
        {'city': 'Hartford', 'state': 'CT', 'state_name': 'Connecticut', 'zip3': '061', 'area': '860'},
        {'city': 'Providence', 'state': 'RI', 'state_name': 'Rhode Island', 'zip3': '029', 'area': '401'},
        {'city': 'Honolulu', 'state': 'HI', 'state_name': 'Hawaii', 'zip3': '968', 'area': '808'},
        {'city': 'Anchorage', 'state': 'AK', 'state_name': 'Alaska', 'zip3': '995', 'area': '907'},
        {'city': 'Albuquerque', 'state': 'NM', 'state_name': 'New Mexico', 'zip3': '871', 'area': '505'},
        {'city': 'Baltimore', 'state': 'MD', 'state_name': 'Maryland', 'zip3': '212', 'area': '410'},
        {'city': 'Washington', 'state': 'DC', 'state_name': 'District of Columbia', 'zip3': '200', 'area': '202'}
    ], i, salt);

-- ---------------------------------------------------------------------------------------------------------
-- Purchase history of a customer

-- Half of the customers have bought: 1 order (40% of buyers), 2 (20%), 3 (15%), 4 (10%) or 5 to 8 (15%),
-- 2.6 on average. Eight order numbers per customer keep order keys (i * 8 + order_number) unique.
CREATE OR REPLACE TEMP MACRO customer_order_count(i) AS
    CASE
        WHEN draw(i, 'buyer', 100) >= 50 THEN 0
        WHEN draw(i, 'order_count', 100) < 40 THEN 1
        WHEN draw(i, 'order_count', 100) < 60 THEN 2
        WHEN draw(i, 'order_count', 100) < 75 THEN 3
        WHEN draw(i, 'order_count', 100) < 85 THEN 4
        ELSE 5 + draw(i, 'more_orders', 4)
    END;

-- Orders are evenly spaced between a first order up to three years before the reference date and a
-- latest one, and fall on the day before the reference date at the latest.
CREATE OR REPLACE TEMP MACRO customer_first_order_days_ago(i) AS 1 + draw(i, 'first_order_days_ago', 1095);

CREATE OR REPLACE TEMP MACRO order_datetime(i, order_number, order_count) AS
    make_timestamp(
        epoch_us(reference_date()::TIMESTAMP)
        - 86400000000 * (1 + customer_first_order_days_ago(i)
            - (customer_first_order_days_ago(i) - draw(i, 'latest_order_days_ago', customer_first_order_days_ago(i)))
                * order_number // greatest(order_count - 1, 1))
        + 1000000 * (8 * 3600 + draw(i * 8 + order_number, 'time_of_day', 14 * 3600)));

CREATE OR REPLACE TEMP MACRO customer_home_store_id(i) AS 'S' || (101 + draw(i, 'home_store', 60));

-- Most customers keep to one channel (in store 90% or 10% of the time); the rest mix them.
CREATE OR REPLACE TEMP MACRO order_in_store(i, order_key) AS
    draw(order_key, 'channel', 100) < [90, 90, 90, 90, 50, 50, 50, 10, 10, 10][1 + draw(i, 'channel_affinity', 10)];

-- Each source system numbers orders and customers its own way; amperity_id is what unifies customers.
-- Unified_Itemized_Transactions recovers the order key from the order id.
CREATE OR REPLACE TEMP MACRO order_id(order_key, in_store) AS
    CASE WHEN in_store THEN 'POS-' ELSE 'WEB-' END || (100000000000 + order_key);

CREATE OR REPLACE TEMP MACRO order_key_of(order_id) AS order_id[5:]::BIGINT - 100000000000;

CREATE OR REPLACE TEMP MACRO order_customer_id(i, in_store) AS
    CASE WHEN in_store THEN 'L' ELSE 'W' END || (1000000000 + i);

CREATE OR REPLACE TEMP MACRO order_payment_method(order_key, in_store) AS
    CASE
        WHEN in_store THEN pick(['credit card', 'credit card', 'credit card', 'debit card', 'debit card', 'cash',
                                 'cash', 'gift card', 'digital wallet', 'credit card'], order_key, 'payment_method')
        ELSE pick(['credit card', 'credit card', 'credit card', 'credit card', 'debit card', 'digital wallet',
                   'digital wallet', 'gift card', 'store credit', 'credit card'], order_key, 'payment_method')
    END;

-- ---------------------------------------------------------------------------------------------------------
-- Lines of an order: 1 to 4 distinct products, 1.8 on average, numbered from 0 within the order.

CREATE OR REPLACE TEMP MACRO order_line_count(order_key) AS
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4][1 + draw(order_key, 'line_count', 20)];

-- Steps below 80 never wrap onto an earlier product of the same order within four lines.
CREATE OR REPLACE TEMP MACRO line_product_index(order_key, line_number) AS
    (draw(order_key, 'first_product', 240) + line_number * (1 + draw(order_key, 'product_step', 79))) % 240;

CREATE OR REPLACE TEMP MACRO line_quantity(order_key, line_number) AS
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3][1 + draw(order_key * 4 + line_number, 'quantity', 20)];

CREATE OR REPLACE TEMP MACRO line_discount_percent(order_key, line_number) AS
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 20, 20, 25, 30, 50][1 + draw(order_key * 4 + line_number, 'discount', 20)];

-- 7% of lines are returned, in part or in full.
CREATE OR REPLACE TEMP MACRO line_returned_quantity(order_key, line_number) AS
    CASE
        WHEN draw(order_key * 4 + line_number, 'return', 1000) < 70
            THEN 1 + draw(order_key * 4 + line_number, 'returned_quantity', line_quantity(order_key, line_number))
        ELSE 0
    END;

-- 3% of the online lines that are not returned are cancelled in full; a till cannot cancel.
CREATE OR REPLACE TEMP MACRO line_canceled_quantity(order_key, line_number, online) AS
    CASE
        WHEN online AND draw(order_key * 4 + line_number, 'return', 1000) >= 70 AND draw(order_key * 4 + line_number, 'cancel', 1000) < 30
            THEN line_quantity(order_key, line_number)
        ELSE 0
    END;

-- ---------------------------------------------------------------------------------------------------------
-- Product catalogue: 15 subcategories of 16 products, addressed by a product index in [0, 240).
-- Names, prices and costs are computed from the index, so lines need no join (a join would lose the
-- generation order of the rows).

CREATE OR REPLACE TEMP MACRO product_id(p) AS 'SKU-' || (10001 + p);

CREATE OR REPLACE TEMP MACRO product_category(p) AS
    ['Apparel', 'Apparel', 'Apparel', 'Footwear', 'Footwear', 'Accessories', 'Accessories', 'Accessories',
     'Home', 'Home', 'Home', 'Beauty', 'Beauty', 'Beauty', 'Outdoor'][1 + p // 16];

CREATE OR REPLACE TEMP MACRO product_subcategory(p) AS
    ['Tops', 'Bottoms', 'Outerwear', 'Sneakers', 'Boots', 'Bags', 'Hats', 'Jewelry',
     'Kitchen', 'Bedding', 'Decor', 'Skincare', 'Fragrance', 'Makeup', 'Camping'][1 + p // 16];

-- Some names carry commas, inch marks and accents, as real catalogues do.
CREATE OR REPLACE TEMP MACRO product_name(p) AS
    ['Classic', 'Everyday', 'Organic', 'Merino', 'Recycled', 'Vintage', 'Slim', 'Relaxed', 'Waterproof',
     'Lightweight', 'Heritage', 'Essential', 'Premium', 'Cozy', 'Travel', 'Studio'][1 + p % 16]
    || ' ' ||
    ['Crew Tee', 'Chino, Slim Fit', 'Rain Jacket', 'Court Sneaker', 'Chelsea Boot', 'Tote Bag', 'Beanie',
     'Pendant Necklace', 'Skillet 12"', 'Sheet Set, Queen', 'Throw Pillow', 'Crème Hydratante', 'Eau de Parfum',
     'Lip Tint', 'Trail Tent'][1 + p // 16];

-- List prices end in .99 and grow with the product's position in its subcategory.
CREATE OR REPLACE TEMP MACRO product_list_price_cents(p) AS
    ([24, 39, 89, 69, 119, 34, 19, 59, 44, 79, 29, 26, 64, 18, 149][1 + p // 16] * (10 + p % 16) // 10) * 100 + 99;

CREATE OR REPLACE TEMP MACRO product_unit_cost_cents(p) AS
    product_list_price_cents(p) * (35 + 5 * (p % 5)) // 100;

CREATE OR REPLACE TEMP MACRO unit_discount_cents(p, discount_percent) AS
    (product_list_price_cents(p) * discount_percent + 50) // 100;

-- Revenue is what the customer paid before tax: the list price less the discount.
CREATE OR REPLACE TEMP MACRO unit_revenue_cents(p, discount_percent) AS
    product_list_price_cents(p) - unit_discount_cents(p, discount_percent);

CREATE OR REPLACE TEMP MACRO store_tax_basis_points(store_id) AS
    [625, 725, 800, 875, 1000, 0][1 + draw(store_id, 'tax_rate', 6)];

CREATE OR REPLACE TEMP MACRO unit_tax_cents(p, discount_percent, store_id) AS
    (unit_revenue_cents(p, discount_percent) * store_tax_basis_points(store_id) + 5000) // 10000;

CREATE OR REPLACE TEMP MACRO line_unit_revenue_cents(order_key, line_number) AS
    unit_revenue_cents(line_product_index(order_key, line_number), line_discount_percent(order_key, line_number));

CREATE OR REPLACE TEMP MACRO line_unit_discount_cents(order_key, line_number) AS
    unit_discount_cents(line_product_index(order_key, line_number), line_discount_percent(order_key, line_number));

-- Order totals add up a value of each of the order's lines (at most four), written out because a list
-- lambda here costs five times as much.
CREATE OR REPLACE TEMP MACRO sum_of_lines(line_count, line0, line1, line2, line3) AS
    line0
    + CASE WHEN line_count > 1 THEN line1 ELSE 0 END
    + CASE WHEN line_count > 2 THEN line2 ELSE 0 END
    + CASE WHEN line_count > 3 THEN line3 ELSE 0 END;

CREATE OR REPLACE TEMP MACRO order_bought_quantity(order_key, line_count) AS
    sum_of_lines(line_count, line_quantity(order_key, 0), line_quantity(order_key, 1),
                 line_quantity(order_key, 2), line_quantity(order_key, 3));

CREATE OR REPLACE TEMP MACRO order_returned_quantity(order_key, line_count) AS
    sum_of_lines(line_count, line_returned_quantity(order_key, 0), line_returned_quantity(order_key, 1),
                 line_returned_quantity(order_key, 2), line_returned_quantity(order_key, 3));

CREATE OR REPLACE TEMP MACRO order_canceled_quantity(order_key, line_count, online) AS
    sum_of_lines(line_count, line_canceled_quantity(order_key, 0, online), line_canceled_quantity(order_key, 1, online),
                 line_canceled_quantity(order_key, 2, online), line_canceled_quantity(order_key, 3, online));

CREATE OR REPLACE TEMP MACRO order_bought_cents(order_key, line_count) AS
    sum_of_lines(line_count,
                 line_quantity(order_key, 0) * line_unit_revenue_cents(order_key, 0),
                 line_quantity(order_key, 1) * line_unit_revenue_cents(order_key, 1),
                 line_quantity(order_key, 2) * line_unit_revenue_cents(order_key, 2),
                 line_quantity(order_key, 3) * line_unit_revenue_cents(order_key, 3));

CREATE OR REPLACE TEMP MACRO order_returned_cents(order_key, line_count) AS
    sum_of_lines(line_count,
                 line_returned_quantity(order_key, 0) * line_unit_revenue_cents(order_key, 0),
                 line_returned_quantity(order_key, 1) * line_unit_revenue_cents(order_key, 1),
                 line_returned_quantity(order_key, 2) * line_unit_revenue_cents(order_key, 2),
                 line_returned_quantity(order_key, 3) * line_unit_revenue_cents(order_key, 3));

CREATE OR REPLACE TEMP MACRO order_canceled_cents(order_key, line_count, online) AS
    sum_of_lines(line_count,
                 line_canceled_quantity(order_key, 0, online) * line_unit_revenue_cents(order_key, 0),
                 line_canceled_quantity(order_key, 1, online) * line_unit_revenue_cents(order_key, 1),
                 line_canceled_quantity(order_key, 2, online) * line_unit_revenue_cents(order_key, 2),
                 line_canceled_quantity(order_key, 3, online) * line_unit_revenue_cents(order_key, 3));

CREATE OR REPLACE TEMP MACRO order_discount_cents(order_key, line_count) AS
    sum_of_lines(line_count,
                 line_quantity(order_key, 0) * line_unit_discount_cents(order_key, 0),
                 line_quantity(order_key, 1) * line_unit_discount_cents(order_key, 1),
                 line_quantity(order_key, 2) * line_unit_discount_cents(order_key, 2),
                 line_quantity(order_key, 3) * line_unit_discount_cents(order_key, 3));
