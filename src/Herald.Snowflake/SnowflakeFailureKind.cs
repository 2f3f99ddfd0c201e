namespace Herald.Snowflake;

/// <summary>Why a Snowflake call failed, which decides what a person does about it.</summary>
public enum SnowflakeFailureKind
{
    /// <summary>The key, user, account or role was refused: fix the credential or the user's grants.</summary>
    Credential,

    /// <summary>Snowflake ran or compiled the statement and refused it (a 422): fix the statement, table or privileges.</summary>
    Statement,

    /// <summary>Snowflake was busy, unreachable or failing after every retry: run again later.</summary>
    Transient,

    /// <summary>The statement ran past its timeout.</summary>
    Timeout,

    /// <summary>The table definition or rows Herald was given cannot be published as they are: fix the template or source.</summary>
    Input,

    /// <summary>The load would remove more of the table than the shrink guard allows: check the table's SQL, or allow it to shrink.</summary>
    ShrinkGuard,

    /// <summary>An answer Herald cannot use (too large, malformed, not Snowflake's API).</summary>
    Protocol,
}
