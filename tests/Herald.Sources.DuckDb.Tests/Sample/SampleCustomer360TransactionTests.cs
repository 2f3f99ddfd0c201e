namespace Herald.Sources.DuckDb.Tests.Sample;

[Collection(SampleDatabaseCollection.Name)]
public sealed class SampleCustomer360TransactionTests(SampleDatabaseFixture fixture)
{
    // Net revenue and items of an order, as Transaction_Attributes_Extended defines them.
    private const string NetOrders = """
        (SELECT *,
                order_revenue + order_returned_revenue + order_canceled_revenue AS net_revenue,
                order_quantity + order_returned_quantity + order_canceled_quantity AS net_items
         FROM Unified_Transactions)
        """;

    private readonly SampleDatabase _database = fixture.Database;

    [Fact]
    public void Buyers_AreAboutHalfTheCustomersWithTwoToThreeOrdersEach()
    {
        var buyers = _database.Count("SELECT count(DISTINCT amperity_id) FROM Unified_Transactions");
        var orders = _database.Count("SELECT count(*) FROM Unified_Transactions");

        ((double)buyers / SampleDatabaseFixture.Customers).ShouldBeInRange(0.45, 0.55);
        ((double)orders / buyers).ShouldBeInRange(2.0, 3.0);
        _database.Count("SELECT count(*) FROM Unified_Transactions ANTI JOIN Customer_360 USING (amperity_id)").ShouldBe(0);
    }

    [Fact]
    public void Orders_HaveOneToFourItemizedProductsAndEveryItemizedRowHasItsOrder()
    {
        _database.Count("SELECT count(*) FROM Unified_Transactions ANTI JOIN Unified_Itemized_Transactions USING (order_id)").ShouldBe(0);
        _database.Count("SELECT count(*) FROM Unified_Itemized_Transactions ANTI JOIN Unified_Transactions USING (order_id)").ShouldBe(0);
        _database.Count("""
            SELECT count(*) FROM (
                SELECT order_id, count(*) AS products FROM Unified_Itemized_Transactions
                WHERE NOT is_return AND NOT is_cancellation GROUP BY order_id)
            WHERE products NOT BETWEEN 1 AND 4
            """).ShouldBe(0);
        _database.Count("""
            SELECT count(*) FROM (
                SELECT order_id, product_id, is_return, is_cancellation FROM Unified_Itemized_Transactions
                GROUP BY ALL HAVING count(*) > 1)
            """).ShouldBe(0);
    }

    [Fact]
    public void Orders_EqualTheSumsOfTheirItemizedRows()
    {
        _database.Count("""
            SELECT count(*)
            FROM Unified_Transactions AS o
            JOIN (
                SELECT
                    order_id,
                    sum(item_quantity) FILTER (WHERE NOT is_return AND NOT is_cancellation) AS bought,
                    coalesce(sum(item_quantity) FILTER (WHERE is_return), 0) AS returned,
                    coalesce(sum(item_quantity) FILTER (WHERE is_cancellation), 0) AS canceled,
                    sum(item_revenue) FILTER (WHERE NOT is_return AND NOT is_cancellation) AS revenue,
                    coalesce(sum(item_revenue) FILTER (WHERE is_return), 0) AS returned_revenue,
                    coalesce(sum(item_revenue) FILTER (WHERE is_cancellation), 0) AS canceled_revenue,
                    sum(item_discount_amount) FILTER (WHERE NOT is_return AND NOT is_cancellation) AS discount,
                    count(DISTINCT (amperity_id, customer_id, order_datetime, store_id, order_discount_amount)) AS order_versions
                FROM Unified_Itemized_Transactions
                GROUP BY order_id
            ) AS i USING (order_id)
            WHERE o.order_quantity <> i.bought OR o.order_returned_quantity <> i.returned
               OR o.order_canceled_quantity <> i.canceled OR o.order_revenue <> i.revenue
               OR o.order_returned_revenue <> i.returned_revenue OR o.order_canceled_revenue <> i.canceled_revenue
               OR o.order_discount_amount <> i.discount
               OR i.order_versions <> 1
            """).ShouldBe(0);
    }

    [Fact]
    public void ItemizedRows_AreConsistentUnitTimesQuantity()
    {
        _database.Count("""
            SELECT count(*) FROM Unified_Itemized_Transactions
            WHERE item_revenue <> item_quantity * unit_revenue
               OR item_cost <> item_quantity * unit_cost
               OR item_list_price <> item_quantity * unit_list_price
               OR item_discount_amount <> item_quantity * unit_discount_amount
               OR item_tax_amount <> item_quantity * unit_tax_amount
               OR item_profit <> item_revenue - item_cost
               OR unit_revenue <> unit_list_price - unit_discount_amount
            """).ShouldBe(0);
    }

    [Fact]
    public void ReturnsAndCancellations_AreFlaggedNegativeRowsOfABoughtLine()
    {
        _database.Count("SELECT count(*) FROM Unified_Itemized_Transactions WHERE is_return").ShouldBeGreaterThan(0);
        _database.Count("SELECT count(*) FROM Unified_Itemized_Transactions WHERE is_cancellation").ShouldBeGreaterThan(0);
        _database.Count("""
            SELECT count(*) FROM Unified_Itemized_Transactions
            WHERE (is_return OR is_cancellation) <> (item_quantity <= 0) OR (is_return AND is_cancellation)
            """).ShouldBe(0);
        _database.Count("""
            SELECT count(*)
            FROM Unified_Itemized_Transactions AS back
            LEFT JOIN Unified_Itemized_Transactions AS bought
                ON bought.order_id = back.order_id AND bought.product_id = back.product_id
               AND NOT bought.is_return AND NOT bought.is_cancellation
            WHERE (back.is_return OR back.is_cancellation)
              AND (bought.order_id IS NULL OR bought.item_quantity < -back.item_quantity)
            """).ShouldBe(0);
        _database.Count("SELECT count(*) FROM Unified_Transactions WHERE order_returned_revenue > 0 OR order_canceled_revenue > 0")
            .ShouldBe(0);
    }

    [Fact]
    public void TransactionAttributes_Last12Months_EqualADirectRecomputation()
    {
        _database.Count($"""
            SELECT count(*)
            FROM Transaction_Attributes_Extended AS t
            FULL JOIN (
                SELECT amperity_id, sum(net_revenue) AS revenue, count(*) AS frequency, sum(net_items) AS items
                FROM {NetOrders}
                WHERE order_datetime >= TIMESTAMP '2025-11-01' AND order_datetime < TIMESTAMP '2026-11-01'
                GROUP BY amperity_id
            ) AS d USING (amperity_id)
            WHERE t.amperity_id IS NULL
               OR t.l12m_order_revenue <> coalesce(d.revenue, 0)
               OR t.l12m_order_frequency <> coalesce(d.frequency, 0)
               OR t.l12m_total_items <> coalesce(d.items, 0)
               OR t.l12m_average_order_value IS DISTINCT FROM (d.revenue / d.frequency)::DECIMAL(12, 2)
            """).ShouldBe(0);
        _database.Count("SELECT count(*) FROM Transaction_Attributes_Extended WHERE l12m_order_frequency > 0").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TransactionAttributes_Lifetime_EqualADirectRecomputationAndCustomer_360()
    {
        _database.Count($"""
            SELECT count(*)
            FROM Transaction_Attributes_Extended AS t
            FULL JOIN (
                SELECT amperity_id, sum(net_revenue) AS revenue, count(*) AS frequency, sum(net_items) AS items,
                       count(DISTINCT purchase_channel) AS channels
                FROM {NetOrders}
                GROUP BY amperity_id
            ) AS d USING (amperity_id)
            WHERE t.amperity_id IS NULL OR d.amperity_id IS NULL
               OR t.lifetime_order_revenue <> d.revenue OR t.lifetime_order_frequency <> d.frequency
               OR t.lifetime_total_items <> d.items
               OR t.one_and_done <> (d.frequency = 1) OR t.multi_purchase_channel <> (d.channels > 1)
            """).ShouldBe(0);
        _database.Count("""
            SELECT count(*)
            FROM Customer_360 AS c
            LEFT JOIN Transaction_Attributes_Extended AS t USING (amperity_id)
            WHERE c.lifetime_revenue <> coalesce(t.lifetime_order_revenue, 0)
               OR c.order_count <> coalesce(t.lifetime_order_frequency, 0)
            """).ShouldBe(0);
    }

    [Fact]
    public void TransactionAttributes_FirstSecondAndLatestOrders_FollowOrderTime()
    {
        _database.Count($"""
            WITH ranked AS (
                SELECT *,
                       row_number() OVER (PARTITION BY amperity_id ORDER BY order_datetime, order_id) AS from_first,
                       row_number() OVER (PARTITION BY amperity_id ORDER BY order_datetime DESC, order_id DESC) AS from_latest
                FROM {NetOrders}
            )
            SELECT count(*)
            FROM Transaction_Attributes_Extended AS t
            JOIN ranked AS f ON f.amperity_id = t.amperity_id AND f.from_first = 1
            LEFT JOIN ranked AS s ON s.amperity_id = t.amperity_id AND s.from_first = 2
            JOIN ranked AS l ON l.amperity_id = t.amperity_id AND l.from_latest = 1
            WHERE t.first_order_id <> f.order_id OR t.first_order_datetime <> f.order_datetime
               OR t.first_order_revenue <> f.net_revenue OR t.first_order_total_items <> f.net_items
               OR t.first_order_purchase_channel <> f.purchase_channel
               OR t.second_order_id IS DISTINCT FROM s.order_id OR t.second_order_revenue IS DISTINCT FROM s.net_revenue
               OR t.latest_order_id <> l.order_id OR t.latest_order_revenue <> l.net_revenue
               OR t.days_since_latest_order <> date_diff('day', l.order_datetime::DATE, DATE '2026-11-01')
               OR t.first_to_second_order_days IS DISTINCT FROM date_diff('day', f.order_datetime::DATE, s.order_datetime::DATE)
               OR t.early_repeat_purchaser <> coalesce(date_diff('day', f.order_datetime::DATE, s.order_datetime::DATE) <= 90, FALSE)
            """).ShouldBe(0);
        _database.Count("SELECT count(*) FROM Transaction_Attributes_Extended WHERE early_repeat_purchaser").ShouldBeGreaterThan(0);
    }

    [Fact]
    public void TransactionAttributes_PreferredStore_IsTheMostOrderedFromThenTheLatest()
    {
        _database.Count("""
            WITH stores AS (
                SELECT amperity_id, store_id, count(*) AS orders, max(order_datetime) AS latest
                FROM Unified_Transactions
                WHERE order_datetime >= TIMESTAMP '2025-11-01'
                GROUP BY ALL
            ), preferred AS (
                SELECT amperity_id, store_id
                FROM stores
                QUALIFY row_number() OVER (PARTITION BY amperity_id ORDER BY orders DESC, latest DESC, store_id DESC) = 1
            )
            SELECT count(*)
            FROM Transaction_Attributes_Extended AS t
            LEFT JOIN preferred AS p USING (amperity_id)
            WHERE t.l12m_preferred_store_id IS DISTINCT FROM p.store_id
            """).ShouldBe(0);
    }

    [Fact]
    public void TransactionAttributes_Periods_NestAndEndBeforeTheReferenceDate()
    {
        _database.Count("SELECT count(*) FROM Unified_Transactions WHERE order_datetime >= TIMESTAMP '2026-11-01'").ShouldBe(0);
        _database.Count("""
            SELECT count(*) FROM Transaction_Attributes_Extended
            WHERE NOT (l30d_order_frequency <= l3m_order_frequency AND l3m_order_frequency <= l6m_order_frequency
                       AND l6m_order_frequency <= l12m_order_frequency
                       AND l12m_order_frequency + ly12m_order_frequency <= lifetime_order_frequency)
            """).ShouldBe(0);
        _database.Count("SELECT count(*) FROM Transaction_Attributes_Extended WHERE l30d_order_frequency > 0").ShouldBeGreaterThan(0);
        _database.Count("SELECT count(*) FROM Transaction_Attributes_Extended WHERE ly12m_order_frequency > 0").ShouldBeGreaterThan(0);
    }
}
