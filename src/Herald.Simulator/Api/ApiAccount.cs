using System.Net;

namespace Herald.Simulator.Api;

/// <summary>A <see cref="SimulatorAccount"/> as checked on each request, copied at start so later edits to the
/// options cannot change a running simulator.</summary>
internal sealed record ApiAccount(string PartnerName, string Token, IReadOnlySet<IPAddress>? AllowedAddresses)
{
    public static ApiAccount From(SimulatorAccount account) => new(
        account.PartnerName,
        account.Token,
        account.AllowedAddresses?.Select(address => Normalize(IPAddress.Parse(address))).ToHashSet());

    public bool Allows(IPAddress? caller) =>
        AllowedAddresses is null || (caller is not null && AllowedAddresses.Contains(Normalize(caller)));

    // Kestrel listening on IPv6 reports IPv4 callers as ::ffff:a.b.c.d.
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
