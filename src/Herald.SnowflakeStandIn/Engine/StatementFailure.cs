namespace Herald.SnowflakeStandIn.Engine;

/// <summary>A statement Snowflake would refuse, answered 422 with Snowflake's <c>code</c> and <c>sqlState</c>.</summary>
internal sealed class StatementFailure(string code, string sqlState, string message, int httpStatus = 422) : Exception(message)
{
    /// <summary>422 for a refused statement; 408 for one that ran past its timeout.</summary>
    public int HttpStatus { get; } = httpStatus;

    public string Code { get; } = code;

    public string SqlState { get; } = sqlState;

    // Codes and states as Snowflake reports them; where its documentation gives none, the closest SQL standard state.
    public static StatementFailure Compilation(string message) => new("001003", "42000", "SQL compilation error:\n" + message);

    public static StatementFailure Unsupported(string message) => new("000002", "0A000", "Unsupported feature '" + message + "'.");

    public static StatementFailure DoesNotExist(string what) => new("002003", "02000", $"SQL compilation error:\n{what} does not exist or not authorized.");

    public static StatementFailure Execution(string message) => new("100132", "P0000", "SQL execution error: " + message);

    public static StatementFailure Canceled() => new("000604", "57014", "SQL execution canceled");

    public static StatementFailure TimedOut(int seconds) =>
        new("000630", "57014", $"Statement reached its statement or warehouse timeout of {seconds} second(s) and was canceled.", 408);
}
