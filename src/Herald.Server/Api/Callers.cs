using Herald.Application.UseCases;

namespace Herald.Server.Api;

/// <summary>
/// Who is calling, as the server knows it. Until users and roles come, everyone holding the API key is "api" and
/// everyone signed in to the web UI is "web"; a request body never names its caller.
/// </summary>
internal static class Callers
{
    public static Caller Api(HttpContext http) => new("api", CallerChannel.Api, http.Connection.RemoteIpAddress?.ToString());

    public static Caller Web(HttpContext http) => new("web", CallerChannel.Web, http.Connection.RemoteIpAddress?.ToString());

    public static Caller InsiderOne(HttpContext http) => new("insider-one", CallerChannel.Callback, http.Connection.RemoteIpAddress?.ToString());
}
