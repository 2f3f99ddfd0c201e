namespace Herald.Simulator;

/// <summary>An Insider One account as the simulator knows it: a partner name and one of its API tokens.</summary>
/// <remarks>Several accounts may share a partner name with different tokens: they are then one Insider One
/// account with several tokens, sharing its segment names.</remarks>
public sealed class SimulatorAccount
{
    /// <summary>The value expected in <c>X-PARTNER-NAME</c>; lowercase.</summary>
    public string PartnerName { get; set; } = "";

    /// <summary>The value expected in <c>X-REQUEST-TOKEN</c>.</summary>
    public string Token { get; set; } = "";

    /// <summary>IP addresses the token may be used from; <c>null</c> means any. Other callers get 403.</summary>
    public List<string>? AllowedAddresses { get; set; }
}
