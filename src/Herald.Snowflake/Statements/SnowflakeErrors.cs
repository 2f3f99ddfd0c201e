namespace Herald.Snowflake.Statements;

/// <summary>Turns Snowflake's failure answers into messages a person can act on, naming what to change.</summary>
internal static class SnowflakeErrors
{
    public static SnowflakeException FromAnswer(int status, ErrorAnswer answer, string purpose, SnowflakeConnection connection, string fingerprint, int attempts)
    {
        var said = $"({status}{(answer.Code is null ? "" : ", code " + answer.Code)}{(answer.SqlState is null ? "" : ", SQL state " + answer.SqlState)}: {AnswerFields.Shown(answer.Message)})";
        var (kind, message) = status switch
        {
            401 => (SnowflakeFailureKind.Credential,
                $"Snowflake refused the key-pair login of user {connection.User} on account {connection.AccountIdentifier} {said}. " +
                $"Check that the user's RSA_PUBLIC_KEY matches the credential's private key (its fingerprint is {fingerprint}; DESC USER shows RSA_PUBLIC_KEY_FP), " +
                "that the account identifier is right, and that this machine's clock is correct."),
            403 => (SnowflakeFailureKind.Credential,
                $"Snowflake did not allow the request {said}. Check the account's network policy allows this machine's address and that role {connection.Role ?? "(default)"} may use the warehouse."),
            404 => (SnowflakeFailureKind.Protocol,
                $"Snowflake's SQL API was not found {said}. Check the account identifier ({connection.AccountIdentifier}) or Herald:Snowflake:BaseUrl."),
            408 => (SnowflakeFailureKind.Timeout,
                $"Snowflake stopped {purpose}: it ran past its timeout {said}. Raise Herald:Snowflake:StatementTimeoutSeconds or use a larger warehouse."),
            422 => (SnowflakeFailureKind.Statement, StatementMessage(answer, purpose, connection, said)),
            429 => (SnowflakeFailureKind.Transient,
                $"Snowflake kept answering 429 (too many requests) for {purpose} beyond Herald:Snowflake:RateLimitBudget {said}. Nothing was half-done; run again later."),
            >= 500 => (SnowflakeFailureKind.Transient,
                $"Snowflake kept failing for {purpose} after {attempts} attempt(s) {said}. Run again later; Snowflake's status page says whether it is down."),
            _ => (SnowflakeFailureKind.Protocol, $"Snowflake answered {purpose} unexpectedly {said}."),
        };
        return new SnowflakeException(kind, message, status, answer.Code, answer.SqlState, answer.Handle);
    }

    private static string StatementMessage(ErrorAnswer answer, string purpose, SnowflakeConnection connection, string said) => answer.Code switch
    {
        "002003" or "002043" => $"Snowflake refused {purpose}: an object does not exist or role {connection.Role ?? "(default)"} may not use it {said}. " +
                                $"Check that database {connection.Database} and schema {connection.Schema} exist and that the role has USAGE on them and CREATE TABLE on the schema.",
        "003001" or "003011" or "003040" => $"Snowflake refused {purpose}: role {connection.Role ?? "(default)"} lacks a privilege {said}. " +
                                            "Grant it to the role (sharing needs ACCOUNTADMIN or CREATE SHARE) and run again.",
        "000604" => $"{purpose} was canceled in Snowflake {said}.",
        _ => $"Snowflake refused {purpose} {said}.",
    };
}
