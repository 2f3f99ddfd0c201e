using System.Security.Cryptography;
using System.Text;

namespace Herald.Server.Security;

/// <summary>The key every API call must carry, in <c>X-Herald-Api-Key</c> or as a bearer token.</summary>
internal sealed class ApiKey(string value)
{
    public const string Header = "X-Herald-Api-Key";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(value);

    public string Value => value;

    public bool Matches(HttpRequest request)
    {
        var given = request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrEmpty(given) && request.Headers.Authorization.FirstOrDefault() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization["Bearer ".Length..].Trim();
        }
        return given is not null && CryptographicOperations.FixedTimeEquals(_expected, Encoding.UTF8.GetBytes(given));
    }
}
