using System.Net;
using System.Net.Sockets;
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

    private static async ValueTask<Stream> ConnectAsync(Uri baseUrl, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var trusted = string.Equals(endpoint.Host, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase) && endpoint.Port == baseUrl.Port;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = trusted ? addresses : addresses.Where(address => !IsInternal(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException(
                $"Herald does not connect to {endpoint.Host}:{endpoint.Port}: it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, " +
                "an internal address (loopback, link-local or private network). Only Herald:InsiderOne:BaseUrl may be internal.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Connect to the addresses checked, not to the name: a second lookup could answer differently.
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
