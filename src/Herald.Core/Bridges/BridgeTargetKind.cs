namespace Herald.Core.Bridges;

/// <summary>Where a bridge publishes its tables. Stored as lowercase text.</summary>
public enum BridgeTargetKind
{
    /// <summary>A Snowflake database and schema, through the SQL API, with key-pair authentication.</summary>
    Snowflake,

    /// <summary>Parquet files and a DuckDB file of views in a folder on the server: the default that needs no account.</summary>
    Folder,
}
