-- One row per customer, in customer index order, with personal data as messy as real files have it.
-- Shares of customers (approximate, from independent draws):
--   email: 3% NULL, 2% empty, 2% malformed (no @, ' at ', @@ or no dot in the domain), 5% in mixed case or
--          with spaces around, 1% the address of another customer, 0.1% with a quoted local part, a comma,
--          an apostrophe or a line break; the rest well formed and unique.
--   phone: 6% NULL, 30% E.164, the rest in seven other formats, one of them (1%) with an extension.
--   names: 1.5% of surnames with a comma or an apostrophe, a few given names with quotes or spaces, many
--          with non-ASCII letters; 2% in upper case, 1% in lower case, 0.5% with a leading space,
--          0.5% without a given name.
--   address, city, state and postal: 1% NULL each; 2% of addresses and 3% of cities in upper case, 1% of
--          cities with a trailing space; 2% of states spelled out, 1% in lower case; 5% ZIP+4 codes and, for
--          New England and New Jersey, ZIP codes that lost their leading zero.
--   birthdate: 2.5% NULL, 0.2% the placeholder 1900-01-01. gender: 3% NULL.
-- lifetime_revenue and order_count are Transaction_Attributes_Extended.lifetime_order_revenue and
-- lifetime_order_frequency, 0 for customers who never bought.

-- Joining the summaries to the customers gives up customer order; restoring it on these four narrow
-- columns costs far less than sorting the finished rows.
CREATE OR REPLACE TEMP TABLE sample_customer_summaries AS
SELECT
    i,
    amperity_id,
    coalesce(lifetime_order_revenue, 0) AS lifetime_revenue,
    coalesce(lifetime_order_frequency, 0) AS order_count
FROM (SELECT i, sample_amperity_id(i) AS amperity_id FROM sample_customer_indexes)
LEFT JOIN Transaction_Attributes_Extended USING (amperity_id)
ORDER BY i;

CREATE TABLE Customer_360 AS
WITH drawn AS (
    SELECT
        i,
        amperity_id,
        lifetime_revenue,
        order_count,
        sample_gender(i) AS gender,
        sample_given_name(i) AS given,
        sample_surname(i) AS family,
        sample_city(i, 'city') AS home,
        draw(i, 'name_quality', 1000) AS name_quality,
        draw(i, 'email_quality', 1000) AS email_quality,
        draw(i, 'phone_format', 100) AS phone_format,
        draw(i, 'address_quality', 1000) AS address_quality,
        -- Another customer: 1% share an email address with one.
        (i + 1 + draw(i, 'shares_email_with', 1000)) % getvariable('sample_customers') AS other
    FROM sample_customer_summaries
), addressed AS (
    SELECT
        *,
        sample_email_address(i, given.word, family.word) AS clean_email,
        -- 15% kept the number of a city they moved from.
        CASE WHEN draw(i, 'moved', 100) < 15 THEN sample_city(i, 'previous_city').area ELSE home.area END AS area_code,
        (200 + draw(i, 'phone_exchange', 800))::VARCHAR AS exchange,
        lpad(draw(i, 'phone_line', 10000)::VARCHAR, 4, '0') AS line,
        home.zip3 || lpad(draw(i, 'zip', 100)::VARCHAR, 2, '0') AS zip
    FROM drawn
)
SELECT
    amperity_id,
    CASE
        WHEN name_quality < 5 THEN NULL
        WHEN name_quality < 25 THEN upper(given.name)
        WHEN name_quality < 35 THEN lower(given.name)
        WHEN name_quality < 40 THEN ' ' || given.name
        ELSE given.name
    END AS given_name,
    CASE
        WHEN name_quality < 25 THEN upper(family.name)
        WHEN name_quality < 35 THEN lower(family.name)
        ELSE family.name
    END AS surname,
    CASE
        WHEN email_quality < 30 THEN NULL
        WHEN email_quality < 50 THEN ''
        WHEN email_quality < 70 THEN
            CASE draw(i, 'malformed_email', 4)
                WHEN 0 THEN replace(clean_email, '@', '')
                WHEN 1 THEN replace(clean_email, '@', ' at ')
                WHEN 2 THEN replace(clean_email, '@', '@@')
                ELSE replace(clean_email, '.', '')
            END
        WHEN email_quality < 120 THEN
            CASE draw(i, 'untidy_email', 4)
                WHEN 0 THEN upper(clean_email)
                WHEN 1 THEN '  ' || clean_email
                WHEN 2 THEN upper(clean_email[1]) || clean_email[2:] || ' '
                ELSE ' ' || clean_email || ' '
            END
        WHEN email_quality < 130 THEN sample_email_address(other, sample_given_name(other).word, sample_surname(other).word)
        WHEN email_quality < 131 THEN
            CASE draw(i, 'punctuated_email', 4)
                WHEN 0 THEN '"' || given.word || ' ' || family.word || '"@' || sample_email_domain(i)
                WHEN 1 THEN given.word || ',' || family.word || '@' || sample_email_domain(i)
                WHEN 2 THEN given.word || '''' || family.word || i || '@' || sample_email_domain(i)
                ELSE given.word || chr(10) || family.word || '@' || sample_email_domain(i)
            END
        ELSE clean_email
    END AS email,
    CASE
        WHEN phone_format < 6 THEN NULL
        WHEN phone_format < 36 THEN '+1' || area_code || exchange || line
        WHEN phone_format < 61 THEN '(' || area_code || ') ' || exchange || '-' || line
        WHEN phone_format < 76 THEN area_code || '.' || exchange || '.' || line
        WHEN phone_format < 88 THEN area_code || '-' || exchange || '-' || line
        WHEN phone_format < 94 THEN area_code || exchange || line
        WHEN phone_format < 97 THEN '1-' || area_code || '-' || exchange || '-' || line
        WHEN phone_format < 99 THEN '+1 ' || area_code || ' ' || exchange || ' ' || line
        ELSE area_code || '-' || exchange || '-' || line || ' ext. ' || (1 + draw(i, 'phone_extension', 999))
    END AS phone,
    CASE
        WHEN address_quality < 10 THEN NULL
        ELSE (CASE WHEN address_quality < 30 THEN upper(street) ELSE street END)
    END AS address,
    CASE
        WHEN address_quality BETWEEN 100 AND 109 THEN NULL
        WHEN address_quality < 30 THEN upper(home.city)
        WHEN address_quality BETWEEN 130 AND 139 THEN home.city || ' '
        ELSE home.city
    END AS city,
    CASE
        WHEN address_quality BETWEEN 200 AND 209 THEN NULL
        WHEN address_quality BETWEEN 210 AND 229 THEN home.state_name
        WHEN address_quality BETWEEN 230 AND 239 THEN lower(home.state)
        ELSE home.state
    END AS state,
    CASE
        WHEN address_quality BETWEEN 300 AND 309 THEN NULL
        WHEN address_quality BETWEEN 310 AND 359 THEN zip || '-' || lpad(draw(i, 'zip4', 10000)::VARCHAR, 4, '0')
        -- Spreadsheets turn 02110 into 2110.
        WHEN zip[1] = '0' AND draw(i, 'zip_lost_zero', 100) < 30 THEN ltrim(zip, '0')
        ELSE zip
    END AS postal,
    CASE
        WHEN draw(i, 'birthdate_quality', 1000) < 25 THEN NULL
        WHEN draw(i, 'birthdate_quality', 1000) < 27 THEN DATE '1900-01-01'
        ELSE DATE '1940-01-01' + draw(i, 'birthdate', 24106)::INTEGER
    END AS birthdate,
    gender,
    -- Tiers are for buyers: 20% of them gold (10% of all customers), 30% silver, 35% bronze; 10% of
    -- the customers who never bought are bronze.
    CASE
        WHEN order_count > 0 THEN [NULL, 'bronze', 'silver', 'gold'][1 + (draw(i, 'loyalty_tier', 100) < 85)::INTEGER
            + (draw(i, 'loyalty_tier', 100) < 50)::INTEGER + (draw(i, 'loyalty_tier', 100) < 20)::INTEGER]
        WHEN draw(i, 'loyalty_tier', 100) < 10 THEN 'bronze'
    END AS loyalty_tier,
    CASE WHEN draw(i, 'no_preferred_store', 100) >= 8 THEN customer_home_store_id(i) END AS preferred_store_id,
    email_quality >= 50 AND draw(i, 'email_optin', 100) < 60 AS email_optin,
    phone_format >= 6 AND draw(i, 'sms_optin', 100) < 30 AS sms_optin,
    lifetime_revenue,
    order_count
FROM (
    SELECT
        *,
        (1 + draw(i, 'street_number', 9999))::VARCHAR || ' '
            || pick(['Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', '2nd',
                     '3rd', 'Sunset', 'Market', 'Mission', 'Church', 'Highland', 'Jefferson', 'Lincoln', 'Willow',
                     'Magnolia', 'Chestnut', 'Spruce', 'River'], i, 'street') || ' '
            || pick(['St', 'St', 'St', 'Ave', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Way', 'Ct', 'Street', 'Avenue'], i, 'street_suffix')
            || CASE
                   WHEN draw(i, 'unit', 100) < 12 THEN ', Apt ' || (1 + draw(i, 'unit_number', 30)) || pick(['A', 'B', 'C', 'D'], i, 'unit_letter')
                   WHEN draw(i, 'unit', 100) < 17 THEN ' #' || (100 + draw(i, 'unit_number', 900))
                   WHEN draw(i, 'unit', 100) < 19 THEN ', Unit ' || (1 + draw(i, 'unit_number', 300))
                   ELSE ''
               END AS street
    FROM addressed
);

DROP TABLE sample_customer_summaries;
