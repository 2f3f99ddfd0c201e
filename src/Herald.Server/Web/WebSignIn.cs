using System.Security.Claims;
using System.Security.Cryptography;
using Herald.Application.Access;
using Herald.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Herald.Storage.Sqlite;

namespace Herald.Server.Web;

/// <summary>
/// Signing in to the UI as a user: with its name and password, or with one of its API keys. The cookie names the user
/// and a server-side session; each request looks the user up again, so that disabling a user or changing its policies
/// takes effect at once, and signing out ends the session even for a copy of the cookie.
/// </summary>
internal static class WebSignIn
{
    public const string Scheme = "HeraldWeb";
    public const string CookieName = "herald.session";
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
            var sessions = services.GetRequiredService<SqliteUiSessions>();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var session = context.Principal?.FindFirst(SessionClaim)?.Value;
            var user = Guid.TryParse(context.Principal?.FindFirst(CallerClaims.UserId)?.Value, out var userId)
                ? await services.GetRequiredService<UserUseCases>().ResolveAsync(userId, context.HttpContext.RequestAborted)
                : null;
            // The user must still be enabled, and the session must still be open on the server: signing out, or a change
            // of the user's password in another session, closed it.
            if (user is null || session is null || !await sessions.IsActiveAsync(session, userId, now, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
                return;
            }
            context.ReplacePrincipal(PrincipalOf(user, session));
            if (context.ShouldRenew)
            {
                await sessions.ExtendAsync(session, now + SessionLifetime, context.HttpContext.RequestAborted);
            }
        };
    }

    /// <summary>Opens a session on the server and signs the browser in to it as the user.</summary>
    public static async Task SignInAsync(HttpContext context, SignedInUser user)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var session = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await services.GetRequiredService<SqliteUiSessions>().StartAsync(session, user.User.Id, now + SessionLifetime, now, context.RequestAborted);
        await context.SignInAsync(Scheme, PrincipalOf(user, session));
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

    /// <summary>The server-side session the signed-in browser uses, or null (a caller with an API key has none).</summary>
    public static string? SessionOf(ClaimsPrincipal user) => user.FindFirst(SessionClaim)?.Value;

    private static ClaimsPrincipal PrincipalOf(SignedInUser user, string session) =>
        new(new ClaimsIdentity([.. CallerClaims.Of(user), new Claim(SessionClaim, session)], Scheme));
}
