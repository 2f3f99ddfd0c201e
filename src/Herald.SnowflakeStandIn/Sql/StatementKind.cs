namespace Herald.SnowflakeStandIn.Sql;

/// <summary>What a statement does, which decides how it runs and what its answer looks like.</summary>
internal enum StatementKind
{
    Query,
    Insert,
    Delete,
    Update,
    Merge,
    Ddl,
    Truncate,
    Begin,
    Commit,
    Rollback,
    Use,
    CreateShare,
    DropShare,
    GrantToShare,
    AlterShareAccounts,
    ShowShares,
    ShowGrantsToShare,
    CreateDatabaseFromShare,
    CreateStage,
    CopyInto,
}
