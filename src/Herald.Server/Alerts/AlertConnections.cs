using System.Net;
using Herald.Application.Alerts;
using Herald.Core.Network;

namespace Herald.Server.Alerts;

/// <summary>
/// The connections Herald opens to alert receivers, whose addresses users type: never a redirect (a hop could lead
/// anywhere), and never an internal address after DNS unless <see cref="AlertOptions.AllowInsecureTargets"/> is on.
/// </summary>
internal static class AlertConnections
{
    public const string HttpClientName = "herald-alerts";

    private const string WhoMayBeInternal = "Alert targets may be internal only with Herald:Alerts:AllowInsecureTargets (tests and development).";

    public static SocketsHttpHandler CreateHandler(AlertOptions options) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = options.SendTimeout,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, options, cancellationToken),
    };

    public static ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, AlertOptions options, CancellationToken cancellationToken) =>
        InternalAddresses.ConnectAsync(endpoint, options.AllowInsecureTargets, WhoMayBeInternal, cancellationToken);
}
