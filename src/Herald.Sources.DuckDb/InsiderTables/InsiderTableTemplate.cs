namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// The SQL that builds one table Insider One imports from Snowflake (customer-360.md, "Insider One tables"), with
/// what Herald checks before a sync: the key column (text, unique, never null), the <c>updated_at</c> column
/// incremental syncs compare (a timestamp, never null), the other required columns and the rules their values keep.
/// The shipped templates are <see cref="Users"/> and <see cref="Events"/>; a user's own SQL keeps the same contract
/// through <see cref="WithSql"/>.
/// </summary>
/// <param name="Name">The table's name in Snowflake (all lowercase; an uppercase copy is accepted too).</param>
/// <param name="Sql">One SELECT over the customer 360, run in DuckDB's sandbox like an audience query.</param>
/// <param name="KeyColumn">The column that identifies a row; rows stream out in its order.</param>
/// <param name="UpdatedAtColumn">The timestamp incremental syncs compare; derived from the data, not the clock.</param>
/// <param name="Rules">The columns the table must have and what their values must be.</param>
public sealed record InsiderTableTemplate(
    string Name, string Sql, string KeyColumn, string UpdatedAtColumn, IReadOnlyList<InsiderColumnRule> Rules)
{
    /// <summary><c>insider_users</c>: one row per customer, keyed by <c>uuid</c> (the amperity_id).</summary>
    public static InsiderTableTemplate Users { get; } = new(
        "insider_users", Shipped("insider_users"), "uuid", "updated_at",
        [
            new("uuid", InsiderColumnKind.Text, Pattern: null, ShareReported: true),
            new("email", InsiderColumnKind.Text, InsiderColumnRule.EmailPattern, ShareReported: true),
            new("phone_number", InsiderColumnKind.Text, InsiderColumnRule.PhonePattern, ShareReported: true),
            new("updated_at", InsiderColumnKind.Timestamp, Pattern: null, ShareReported: false),
        ]);

    /// <summary><c>insider_events</c>: one row per purchase or return of a product, keyed by <c>event_id</c>.</summary>
    public static InsiderTableTemplate Events { get; } = new(
        "insider_events", Shipped("insider_events"), "event_id", "updated_at",
        [
            new("event_id", InsiderColumnKind.Text, Pattern: null, ShareReported: false),
            new("uuid", InsiderColumnKind.Text, Pattern: null, ShareReported: true),
            new("event_name", InsiderColumnKind.Text, InsiderColumnRule.EventNamePattern, ShareReported: false),
            new("timestamp", InsiderColumnKind.Timestamp, Pattern: null, ShareReported: false),
            new("updated_at", InsiderColumnKind.Timestamp, Pattern: null, ShareReported: false),
        ]);

    /// <summary>The templates Herald ships, by table name.</summary>
    public static IReadOnlyList<InsiderTableTemplate> All { get; } = [Users, Events];

    /// <summary>The same table and checks over the user's own SQL (an edited copy of <see cref="Sql"/> or a new query).</summary>
    public InsiderTableTemplate WithSql(string sql) => this with { Sql = sql };

    private static string Shipped(string name)
    {
        var resource = $"Herald.Sources.DuckDb.InsiderTables.{name}.sql";
        using var stream = typeof(InsiderTableTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The template {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
