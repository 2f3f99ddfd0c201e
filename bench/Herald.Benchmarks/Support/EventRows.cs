using Herald.Snowflake.Publishing;

namespace Herald.Benchmarks.Support;

/// <summary>Rows shaped like <c>insider_events</c> (customer-360.md), deterministic from their number, in key order.</summary>
public static class EventRows
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Categories = ["Shoes > Running", "Shoes > Trail", "Apparel > Jackets", "Apparel > Socks", "Accessories > Bags"];

    public static TableDefinition Table(string name) => new(name,
    [
        new TableColumn("event_id", "VARCHAR"),
        new TableColumn("uuid", "VARCHAR"),
        new TableColumn("event_name", "VARCHAR"),
        new TableColumn("timestamp", "TIMESTAMP_NTZ"),
        new TableColumn("event_group_id", "VARCHAR"),
        new TableColumn("product_id", "VARCHAR"),
        new TableColumn("name", "VARCHAR"),
        new TableColumn("taxonomy", "VARCHAR"),
        new TableColumn("currency", "VARCHAR"),
        new TableColumn("quantity", "NUMBER(10,0)"),
        new TableColumn("unit_price", "NUMBER(12,2)"),
        new TableColumn("unit_sale_price", "NUMBER(12,2)"),
        new TableColumn("store_id", "VARCHAR"),
        new TableColumn("updated_at", "TIMESTAMP_NTZ"),
    ], "event_id", "updated_at");

    /// <summary>DuckDB's DDL for the same table, for the reference's own bulk insert.</summary>
    public static string DuckDbColumns =>
        "event_id VARCHAR, uuid VARCHAR, event_name VARCHAR, \"timestamp\" TIMESTAMP, event_group_id VARCHAR, product_id VARCHAR, name VARCHAR, " +
        "taxonomy VARCHAR, currency VARCHAR, quantity DECIMAL(10,0), unit_price DECIMAL(12,2), unit_sale_price DECIMAL(12,2), store_id VARCHAR, updated_at TIMESTAMP";

    public static object?[] Row(long number)
    {
        var isReturn = number % 17 == 0;
        var price = 5m + number % 200 + 0.99m;
        var moment = Start.AddSeconds(number * 7);
        return
        [
            $"evt-{number:D9}",
            $"{number % 250_000:D8}-4a1b-4c2d-8e3f-{number % 9_973:D12}",
            isReturn ? "return" : "purchase",
            moment,
            $"order-{number / 3:D9}",
            $"sku-{number % 5_000:D5}",
            $"Product {number % 5_000}",
            Categories[number % Categories.Length],
            "EUR",
            isReturn ? -1m : 1m + number % 3,
            price,
            number % 5 == 0 ? Math.Round(price * 0.8m, 2) : price,
            number % 10 == 0 ? null : $"store-{number % 40:D3}",
            moment.AddMinutes(5),
        ];
    }

    public static async IAsyncEnumerable<object?[]> StreamAsync(long count)
    {
        for (long number = 1; number <= count; number++)
        {
            if (number % 10_000 == 0)
            {
                await Task.Yield();
            }

            yield return Row(number);
        }
    }
}
