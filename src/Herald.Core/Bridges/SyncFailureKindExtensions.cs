namespace Herald.Core.Bridges;

/// <summary>What a person does about each kind of failed sync: one sentence for every edge (API, page, CLI) to show.</summary>
public static class SyncFailureKindExtensions
{
    public static string Remedy(this SyncFailureKind kind) => kind switch
    {
        SyncFailureKind.Table => "Fix the table's SQL (check it with the bridge's preview), then sync again.",
        SyncFailureKind.Credential => "Check the snowflake credential: the account identifier, the user, the role, and that the user's RSA_PUBLIC_KEY_FP matches the key's fingerprint.",
        SyncFailureKind.Target => "Check the bridge's database, schema and share, and that the credential's role may create tables and shares there.",
        SyncFailureKind.ShrinkGuard => "Check the table's SQL; if the smaller table is right, sync again allowing the tables to shrink.",
        SyncFailureKind.Transient => "Sync again later; the previous version of each table is still in place.",
        _ => "Check the server's logs and its data directory, then sync again.",
    };
}
