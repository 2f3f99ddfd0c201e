namespace Herald.Snowflake.Publishing;

/// <summary>How a table's new version was loaded.</summary>
public enum LoadMode
{
    /// <summary>Every row was sent and replaced the previous version.</summary>
    Full,

    /// <summary>Only new rows, rows whose <c>updated_at</c> changed, and the keys of removed rows were sent.</summary>
    Incremental,
}
