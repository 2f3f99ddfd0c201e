using Herald.Snowflake.Publishing;

namespace Herald.Snowflake.Tests.Support;

/// <summary>Rows shaped like <c>insider_users</c> (customer-360.md), in key order, made deterministic from their number.</summary>
internal static class UserRows
{
    public static readonly DateTime FirstVersion = new(2026, 11, 1, 8, 30, 0, DateTimeKind.Utc);

    public static readonly TableDefinition Table = new("insider_users",
    [
        new TableColumn("uuid", "VARCHAR"),
        new TableColumn("email", "VARCHAR"),
        new TableColumn("name", "VARCHAR"),
        new TableColumn("email_optin", "BOOLEAN"),
        new TableColumn("birthday", "DATE"),
        new TableColumn("lifetime_revenue", "NUMBER(12,2)"),
        new TableColumn("updated_at", "TIMESTAMP_NTZ"),
    ], "uuid", "updated_at");

    public static string Key(int number) => $"user-{number:D6}";

    public static object?[] Row(int number, DateTime? updatedAt = null, string? name = null) =>
    [
        Key(number),
        number % 7 == 0 ? null : $"person{number}@example.com",
        name ?? (number % 11 == 0 ? $"O'Brien, \"Åsa\" {number}" : $"Name {number}"),
        number % 2 == 0,
        new DateOnly(1960 + number % 40, 1 + number % 12, 1 + number % 28),
        Math.Round(number * 1.25m, 2),
        updatedAt ?? FirstVersion.AddSeconds(number),
    ];

    public static async IAsyncEnumerable<object?[]> Stream(IEnumerable<object?[]> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public static List<object?[]> Range(int count) => Enumerable.Range(1, count).Select(number => Row(number)).ToList();
}
