using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Herald.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Herald.Storage.Sqlite;

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
    private const string SessionClaim = "herald:session";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/signin";
        options.LogoutPath = "/signout";
        options.AccessDeniedPath = "/signin";
        options.ExpireTimeSpan = SessionLifetime;
        options.SlidingExpiration = true;
        options.Events.OnValidatePrincipal = async context =>
        {
            var services = context.HttpContext.RequestServices;
            var apiKey = services.GetRequiredService<ApiKey>();
            var sessions = services.GetRequiredService<SqliteUiSessions>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var session = context.Principal?.FindFirst(SessionClaim)?.Value;
            // The key must still be the key, and the session must still be open on the server: signing out closed it.
            if (context.Principal?.FindFirst(KeyClaim)?.Value != Fingerprint(apiKey.Value)
                || session is null || !await sessions.IsActiveAsync(session, now, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
                return;
            }
            if (context.ShouldRenew)
            {
                await sessions.ExtendAsync(session, now + SessionLifetime, context.HttpContext.RequestAborted);
            }
        };
    }

    public static bool IsTheKey(ApiKey apiKey, string? given) =>
        !string.IsNullOrEmpty(given)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(apiKey.Value), Encoding.UTF8.GetBytes(given.Trim()));

    /// <summary>Opens a session on the server and signs the browser in to it.</summary>
    public static async Task SignInAsync(HttpContext context, ApiKey apiKey)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await services.GetRequiredService<SqliteUiSessions>().StartAsync(session, now + SessionLifetime, now, context.RequestAborted);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "API key holder"), new Claim(KeyClaim, Fingerprint(apiKey.Value)), new Claim(SessionClaim, session)], Scheme)));
    }

    /// <summary>Closes the session on the server (an old copy of the cookie stops working) and clears the cookie.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        if (context.User.FindFirst(SessionClaim)?.Value is { } session)
        {
            await context.RequestServices.GetRequiredService<SqliteUiSessions>().EndAsync(session, CancellationToken.None);
        }
        await context.SignOutAsync(Scheme);
    }

    private static string Fingerprint(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
}
