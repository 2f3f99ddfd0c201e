using Herald.Application.UseCases;
using Herald.Server.Security;

namespace Herald.Server.Api;

/// <summary>
/// Who is calling, as the server knows it: the user the API key or the web session belongs to, with what its policies
/// allow (<see cref="CallerClaims"/>); a request body never names its caller.
/// </summary>
internal static class Callers
{
    public static Caller Api(HttpContext http) => Of(http, CallerChannel.Api);

    public static Caller Web(HttpContext http) => Of(http, CallerChannel.Web);

    /// <summary>Insider One's callback, authenticated by the run's callback secret: it reports on one run and may do nothing else.</summary>
    public static Caller InsiderOne(HttpContext http) => new("insider-one", CallerChannel.Callback, http.Connection.RemoteIpAddress?.ToString());

    private static Caller Of(HttpContext http, CallerChannel channel) =>
        new(http.User.Identity?.Name is { Length: > 0 } name ? name : "anonymous", channel, http.Connection.RemoteIpAddress?.ToString())
        {
            Grant = CallerClaims.GrantOf(http.User),
        };
}
