namespace Herald.SnowflakeStandIn.Sql;

internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Placeholder,
    Symbol,
}
