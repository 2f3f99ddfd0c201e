-- Macros every other sample script builds on. They are TEMP so the database file keeps only the tables.
--
-- Every value is a function of a customer index (or an order or line key) through hash(): the same
-- arguments give the same data on every run and with any number of threads, which random() would not.
-- Each draw has its own salt so that, say, the gender and the email quality of a customer are independent.

CREATE OR REPLACE TEMP MACRO draw(key, salt, n) AS (hash(key, salt) % n)::BIGINT;

CREATE OR REPLACE TEMP MACRO pick(choices, key, salt) AS choices[1 + draw(key, salt, len(choices))];

-- Periods (l30d, l12m, ...) and recency are measured from this date rather than today, so a file built
-- next year answers every query exactly as one built now.
CREATE OR REPLACE TEMP MACRO reference_date() AS DATE '2026-11-01';

-- Money is computed in whole cents and converted once, so sums over lines equal order totals exactly.
CREATE OR REPLACE TEMP MACRO money(cents) AS (cents / 100)::DECIMAL(12, 2);

-- md5 of a salted index, laid out as a UUID.
CREATE OR REPLACE TEMP MACRO sample_amperity_id(i) AS (
    WITH digest AS (SELECT md5('herald-sample-customer-' || i) AS hex)
    SELECT hex[1:8] || '-' || hex[9:12] || '-' || hex[13:16] || '-' || hex[17:20] || '-' || hex[21:32] FROM digest
);

CREATE OR REPLACE TEMP MACRO sample_gender(i) AS
    CASE
        WHEN draw(i, 'gender', 100) < 48 THEN 'F'
        WHEN draw(i, 'gender', 100) < 94 THEN 'M'
        WHEN draw(i, 'gender', 100) < 97 THEN 'X'
    END;

CREATE OR REPLACE TEMP MACRO sample_given_name(i) AS
    CASE sample_gender(i)
        WHEN 'F' THEN pick(['Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Susan', 'Jessica', 'Sarah',
                            'Karen', 'Emily', 'Olivia', 'Emma', 'Sophia', 'Ava', 'Mia', 'Isabella', 'Chloé', 'Zoë',
                            'María', 'Ana', 'Priya', 'Mei', 'Aisha', 'Fatima', 'Ingrid', 'Anne Marie', 'Mary-Kate',
                            'Siobhán', 'Yuki', 'Hannah', 'Grace', 'Léa'], i, 'given_name')
        WHEN 'M' THEN pick(['James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas',
                            'Christopher', 'Daniel', 'Matthew', 'Anthony', 'José', 'Łukasz', 'Søren', 'Jürgen',
                            'François', 'Mohammed', 'Wei', 'Hiroshi', 'Raj', 'Ahmed', 'Liam', 'Noah', 'Ethan',
                            'Lucas', 'Mateo', 'Oliver', 'Robert "Bob"', 'Björn', 'Andrés'], i, 'given_name')
        ELSE pick(['Alex', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Sam',
                   'Noa', 'Rowan'], i, 'given_name')
    END;

-- Surnames with punctuation are rare in real files but are the ones that break CSV writers and
-- naive quoting, so about 1.5% of customers get one.
CREATE OR REPLACE TEMP MACRO sample_surname(i) AS
    CASE
        WHEN draw(i, 'punctuated_surname', 1000) < 15
            THEN pick(['O''Brien', 'D''Angelo', 'Smith, Jr.', 'Lee, III', 'O''Connor'], i, 'surname')
        ELSE pick(['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
                   'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore',
                   'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark',
                   'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
                   'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
                   'Mitchell', 'Carter', 'Roberts', 'Kim', 'Patel', 'Chen', 'Wang', 'Singh', 'Cohen', 'Müller',
                   'Ñuñez', 'Søndergaard', 'Kowalski', 'Peña', 'Björk', 'Dubois', 'Schäfer', 'Nowak',
                   'van der Berg', 'De La Cruz', 'Johnson-Smith', 'García', 'Øvergaard'], i, 'surname')
    END;

-- A name as people type it into an email address: lower case, accents dropped, letters and digits only.
CREATE OR REPLACE TEMP MACRO email_word(name) AS
    regexp_replace(
        replace(replace(replace(replace(lower(strip_accents(name)), 'ł', 'l'), 'ø', 'o'), 'æ', 'ae'), 'ß', 'ss'),
        '[^a-z0-9]', '', 'g');

-- Reserved example domains only (RFC 2606 and 6761), so no sample address can reach a real mailbox.
CREATE OR REPLACE TEMP MACRO sample_email_domain(i) AS
    pick(['example.com', 'example.com', 'example.com', 'example.org', 'example.net', 'example.net',
          'mail.example', 'mail.example', 'shop.example', 'inbox.example'], i, 'email_domain');

-- The customer index in the address keeps every well-formed address unique; duplicates are made on purpose.
CREATE OR REPLACE TEMP MACRO sample_clean_email(i) AS
    CASE draw(i, 'email_style', 10)
        WHEN 0 THEN email_word(sample_given_name(i)) || i
        WHEN 1 THEN left(email_word(sample_given_name(i)), 1) || email_word(sample_surname(i)) || i
        WHEN 2 THEN email_word(sample_surname(i)) || '_' || email_word(sample_given_name(i)) || i
        WHEN 3 THEN email_word(sample_given_name(i)) || '.' || email_word(sample_surname(i)) || '+' || i
        ELSE email_word(sample_given_name(i)) || '.' || email_word(sample_surname(i)) || i
    END || '@' || sample_email_domain(i);

-- US cities with their state, the first three digits of their ZIP codes and an area code.
CREATE OR REPLACE TEMP MACRO sample_city(i) AS
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
    ], i, 'city');

-- Product catalogue: 15 subcategories of 16 products each, addressed by a product index in [0, 240).
-- Names, prices and costs are computed from the index so that line prices need no join.
CREATE OR REPLACE TEMP MACRO product_catalogue_size() AS 240;

CREATE OR REPLACE TEMP MACRO product_id(p) AS 'SKU-' || lpad((10001 + p)::VARCHAR, 5, '0');

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
    (floor([24, 39, 89, 69, 119, 34, 19, 59, 44, 79, 29, 26, 64, 18, 149][1 + p // 16] * (1 + (p % 16) / 10)) * 100
        + 99)::BIGINT;

CREATE OR REPLACE TEMP MACRO product_unit_cost_cents(p) AS
    (product_list_price_cents(p) * (35 + 5 * (p % 5)) // 100)::BIGINT;

CREATE OR REPLACE TEMP MACRO unit_discount_cents(p, discount_percent) AS
    ((product_list_price_cents(p) * discount_percent + 50) // 100)::BIGINT;

-- Revenue is what the customer paid before tax: list price less discount.
CREATE OR REPLACE TEMP MACRO unit_revenue_cents(p, discount_percent) AS
    product_list_price_cents(p) - unit_discount_cents(p, discount_percent);

CREATE OR REPLACE TEMP MACRO store_tax_basis_points(store_id) AS
    [625, 725, 800, 875, 1000, 0][1 + draw(store_id, 'tax_rate', 6)];

CREATE OR REPLACE TEMP MACRO unit_tax_cents(p, discount_percent, store_id) AS
    ((unit_revenue_cents(p, discount_percent) * store_tax_basis_points(store_id) + 5000) // 10000)::BIGINT;

-- Order lines are addressed by a line key, order_key * 4 + line_number.
CREATE OR REPLACE TEMP MACRO line_quantity(line_key) AS
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3][1 + draw(line_key, 'quantity', 20)];

CREATE OR REPLACE TEMP MACRO line_discount_percent(line_key) AS
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 20, 20, 25, 30, 50][1 + draw(line_key, 'discount', 20)];

-- 7% of lines are returned, in part or in full.
CREATE OR REPLACE TEMP MACRO line_returned_quantity(line_key) AS
    CASE WHEN draw(line_key, 'return', 1000) < 70 THEN 1 + draw(line_key, 'returned_quantity', line_quantity(line_key)) ELSE 0 END;

-- 3% of the online lines that are not returned are cancelled in full; a till cannot cancel.
CREATE OR REPLACE TEMP MACRO line_canceled_quantity(line_key, online) AS
    CASE
        WHEN online AND draw(line_key, 'return', 1000) >= 70 AND draw(line_key, 'cancel', 1000) < 30 THEN line_quantity(line_key)
        ELSE 0
    END;
