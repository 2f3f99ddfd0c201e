namespace Herald.Core.Bridges;

/// <summary>Why a sync failed, which decides what a person does next (<see cref="SyncFailureKindExtensions.Remedy"/>).</summary>
public enum SyncFailureKind
{
    /// <summary>A table's SQL failed or broke Insider One's rules: fix the table's SQL.</summary>
    Table,

    /// <summary>The target refused the key, user, account or role: fix the credential or the user's grants.</summary>
    Credential,

    /// <summary>The target refused a statement (a missing database, a privilege, a share rule): fix the bridge or the grants.</summary>
    Target,

    /// <summary>The load would remove more of a table than the shrink guard allows: check the table's SQL first.</summary>
    ShrinkGuard,

    /// <summary>The target was busy, unreachable or failing after every retry: sync again later.</summary>
    Transient,

    /// <summary>Herald itself could not do the step (storage, file system).</summary>
    Internal,
}
