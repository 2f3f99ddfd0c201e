namespace Herald.Snowflake.Publishing;

/// <summary>A column of a published table: its name (all lowercase or all uppercase) and its Snowflake type, one of
/// <c>VARCHAR</c>, <c>NUMBER(p,s)</c>, <c>FLOAT</c>, <c>BOOLEAN</c>, <c>DATE</c>, <c>TIMESTAMP_NTZ</c>, <c>TIMESTAMP_TZ</c>.</summary>
public sealed record TableColumn(string Name, string Type);
