using System.Net;
using System.Net.Sockets;

namespace Herald.Core.Network;

/// <summary>
/// Addresses a public service never has. Herald refuses to connect to them on behalf of anything a user or a remote
/// party names (Insider One's file URLs, alert webhooks), so that Herald cannot be turned against its own network.
/// </summary>
public static class InternalAddresses
{
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>Whether an address is one a public service never has: loopback, link-local, private, unique-local, unspecified, multicast.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC
                || Nat64.Contains(address); // NAT64 reaches any IPv4 address, internal ones included
        }
        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
            || (b[0] == 169 && b[1] == 254) // link-local (cloud metadata services live here)
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] is >= 64 and <= 127) // carrier-grade NAT
            || (b[0] == 198 && b[1] is 18 or 19); // benchmarking networks, used inside data centres
    }

    /// <summary>
    /// Opens a TCP connection to <paramref name="endpoint"/> on an address checked after DNS (a name that resolves, or
    /// re-resolves, to an internal address is refused with <see cref="RefusedAddressException"/>), for a
    /// <see cref="System.Net.Http.SocketsHttpHandler.ConnectCallback"/>.
    /// </summary>
    /// <param name="allowInternal">The endpoint is one an operator configured (a local simulator, a test receiver).</param>
    /// <param name="whoMayBeInternal">The sentence that ends the refusal, naming the setting that allows an internal address.</param>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowInternal, string whoMayBeInternal, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = allowInternal ? addresses : addresses.Where(address => !IsInternal(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new RefusedAddressException(
                $"Herald does not connect to {endpoint.Host}:{endpoint.Port}: it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, " +
                $"an internal address (loopback, link-local or private network). {whoMayBeInternal}");
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
