namespace Herald.SnowflakeStandIn.Engine;

/// <summary>The database and schema names resolve against within one request (each SQL API request is its own
/// session), and whether a transaction it opened is still open.</summary>
internal sealed class SessionContext(string database, string schema)
{
    public string Database { get; set; } = database;

    public string Schema { get; set; } = schema;

    public bool InTransaction { get; set; }
}
