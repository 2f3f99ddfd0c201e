using System.Net;
using System.Net.Sockets;

namespace Herald.Simulator.Tests.Support;

internal static class ClosedPort
{
    /// <summary>A loopback port nothing listens on (free a moment ago; good enough on a test machine).</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
