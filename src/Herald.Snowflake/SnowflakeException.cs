namespace Herald.Snowflake;

/// <summary>
/// A Snowflake call that failed, with a message a person can act on. Snowflake's own <see cref="Code"/>,
/// <see cref="SqlState"/> and <see cref="StatementHandle"/> are kept when it gave them. Never carries the private key,
/// passphrase or JWT.
/// </summary>
public sealed class SnowflakeException(
    SnowflakeFailureKind kind, string message, int? httpStatus = null, string? code = null, string? sqlState = null, string? statementHandle = null)
    : Exception(message)
{
    public SnowflakeFailureKind Kind { get; } = kind;

    /// <summary>The HTTP status of the last answer, or null when none came.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>Snowflake's error code, such as <c>002003</c> (object does not exist or not authorized).</summary>
    public string? Code { get; } = code;

    /// <summary>The SQL state, such as <c>42S02</c>.</summary>
    public string? SqlState { get; } = sqlState;

    public string? StatementHandle { get; } = statementHandle;
}
