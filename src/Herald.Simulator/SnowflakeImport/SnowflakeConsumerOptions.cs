namespace Herald.Simulator.SnowflakeImport;

/// <summary>
/// How the simulator reaches Snowflake as Insider One's own account when it imports a share (Insider One's "External
/// Integrations > Snowflake"): the SQL API's address, the consumer account and user, and that user's key pair.
/// The simulator's client is its own; it shares no code with Herald's.
/// </summary>
public sealed class SnowflakeConsumerOptions
{
    /// <summary>The SQL API's address, e.g. the stand-in's <c>http://127.0.0.1:port</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Insider One's account as its JWT names it (<c>INSIDERORG-EU_ACCOUNT</c>, uppercase).</summary>
    public string Account { get; set; } = "";

    /// <summary>Insider One's user in that account (uppercase).</summary>
    public string User { get; set; } = "";

    /// <summary>The user's unencrypted PKCS#8 PEM private key; never logged or reported.</summary>
    public string PrivateKeyPem { get; set; } = "";

    /// <summary>Rows one import reads from one table at most; a larger table fails the import instead of filling memory.</summary>
    public int MaxRowsPerTable { get; set; } = 2_000_000;

    /// <summary>Largest SQL API answer read, in bytes.</summary>
    public int MaxAnswerBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Longest wait for one statement, polling included.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"{Account}.{User} at {BaseUrl}";
}
