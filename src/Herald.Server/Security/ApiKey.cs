namespace Herald.Server.Security;

/// <summary>
/// The installation's key (the data directory's <c>api-key</c>, or <c>Herald:ApiKey</c>): since users came, a key of
/// the <c>admin</c> user like any other. And where a request carries a key: <c>X-Herald-Api-Key</c> or a bearer token.
/// </summary>
internal sealed class ApiKey(string value)
{
    public const string Header = "X-Herald-Api-Key";

    public string Value => value;

    /// <summary>The key the request carries, or null.</summary>
    public static string? Given(HttpRequest request)
    {
        var given = request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrEmpty(given) && request.Headers.Authorization.FirstOrDefault() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization["Bearer ".Length..].Trim();
        }
        return string.IsNullOrEmpty(given) ? null : given;
    }
}
