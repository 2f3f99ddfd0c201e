using System.Text.RegularExpressions;

namespace Herald.Snowflake;

/// <summary>
/// What Herald derives from an account identifier (snowflake.md, "The API Herald uses" and "Key-pair
/// authentication"): the API host, and the account part of a JWT's <c>iss</c>/<c>sub</c>.
/// </summary>
public static partial class SnowflakeAccount
{
    /// <summary>True for identifiers such as <c>myorg-myaccount</c>, <c>myorg-my_account</c> or the legacy
    /// <c>xy12345.us-east-2.aws</c>.</summary>
    public static bool IsValidIdentifier(string? identifier) =>
        identifier is { Length: > 0 and <= 255 } && Identifier().IsMatch(identifier) && !identifier.Contains("..", StringComparison.Ordinal);

    /// <summary><c>https://&lt;identifier&gt;.snowflakecomputing.com</c>, lowercase, underscores as hyphens (a host name
    /// cannot hold underscores; inferred from public clients).</summary>
    public static Uri ApiBaseUrl(string identifier)
    {
        ThrowIfInvalid(identifier);
        return new Uri($"https://{identifier.ToLowerInvariant().Replace('_', '-')}.snowflakecomputing.com/");
    }

    /// <summary>The account as a JWT names it: uppercase, cut at the first '.' (a locator's region is left out).</summary>
    public static string JwtAccount(string identifier)
    {
        ThrowIfInvalid(identifier);
        var dot = identifier.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? identifier : identifier[..dot]).ToUpperInvariant();
    }

    private static void ThrowIfInvalid(string identifier)
    {
        if (!IsValidIdentifier(identifier))
        {
            throw new ArgumentException(
                "The Snowflake account identifier must look like myorg-myaccount (organization and account name, as in the account's URL) " +
                "or a legacy locator such as xy12345.us-east-2.aws.", nameof(identifier));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Identifier();
}
