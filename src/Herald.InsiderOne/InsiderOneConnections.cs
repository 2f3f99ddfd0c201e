using System.Net;
using Herald.Core.Network;

namespace Herald.InsiderOne;

/// <summary>
/// The connections Herald opens towards Insider One and the file URLs it hands out. Redirects are never followed
/// (a hop could lead anywhere), and every connection is checked on the address it actually connects to, after DNS,
/// so that a name that resolves (or re-resolves) to loopback, link-local or a private network is refused. Only the
/// configured API origin (<see cref="InsiderOneOptions.BaseUrl"/>, which an operator may point at a local simulator)
/// may be reached on such an address.
/// </summary>
public static class InsiderOneConnections
{
    /// <summary>The primary handler for Herald's Insider One client.</summary>
    public static SocketsHttpHandler CreateHandler(InsiderOneOptions options) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        MaxConnectionsPerServer = 256,
        AllowAutoRedirect = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(options.BaseUrl, context.DnsEndPoint, cancellationToken),
    };

    /// <summary>Whether an address is one a public service never has (<see cref="InternalAddresses.IsInternal"/>).</summary>
    public static bool IsInternal(IPAddress address) => InternalAddresses.IsInternal(address);

    private static ValueTask<Stream> ConnectAsync(Uri baseUrl, DnsEndPoint endpoint, CancellationToken cancellationToken) =>
        InternalAddresses.ConnectAsync(endpoint,
            allowInternal: string.Equals(endpoint.Host, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase) && endpoint.Port == baseUrl.Port,
            "Only Herald:InsiderOne:BaseUrl may be internal.", cancellationToken);
}
