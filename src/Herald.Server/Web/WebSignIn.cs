using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Herald.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Herald.Server.Web;

/// <summary>
/// Signing in to the UI with the API key, the same access the REST API asks for. The cookie carries a
/// fingerprint of the key, so that a new key signs every browser out.
/// </summary>
internal static class WebSignIn
{
    public const string Scheme = "HeraldWeb";
    public const string CookieName = "herald.session";
    private const string KeyClaim = "herald:api-key";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/signin";
        options.LogoutPath = "/signout";
        options.AccessDeniedPath = "/signin";
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = async context =>
        {
            var apiKey = context.HttpContext.RequestServices.GetRequiredService<ApiKey>();
            if (context.Principal?.FindFirst(KeyClaim)?.Value != Fingerprint(apiKey.Value))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }

    public static bool IsTheKey(ApiKey apiKey, string? given) =>
        !string.IsNullOrEmpty(given)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(apiKey.Value), Encoding.UTF8.GetBytes(given.Trim()));

    public static ClaimsPrincipal PrincipalFor(ApiKey apiKey) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "API key holder"), new Claim(KeyClaim, Fingerprint(apiKey.Value))], Scheme));

    private static string Fingerprint(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
}
