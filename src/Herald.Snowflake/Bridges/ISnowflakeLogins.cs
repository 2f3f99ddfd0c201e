namespace Herald.Snowflake.Bridges;

/// <summary>Reads a <c>snowflake</c> credential's settings and decrypted secrets at the moment a bridge reaches Snowflake.</summary>
public interface ISnowflakeLogins
{
    /// <summary>The login, or null when no <c>snowflake</c> credential has that id.</summary>
    Task<SnowflakeLogin?> FindAsync(Guid credentialId, CancellationToken cancellationToken);
}
