namespace Herald.SnowflakeStandIn.State;

internal enum StatementStatus
{
    Running,
    Succeeded,
    Failed,
}
