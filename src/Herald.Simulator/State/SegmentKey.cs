namespace Herald.Simulator.State;

/// <summary>Segment names are unique within one Insider One account, i.e. one partner name.</summary>
internal readonly record struct SegmentKey(string PartnerName, string Name)
{
    public bool Equals(SegmentKey other) =>
        string.Equals(PartnerName, other.PartnerName, StringComparison.Ordinal)
        && SimulatorAssumptions.SegmentNameComparer.Equals(Name, other.Name);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(PartnerName), SimulatorAssumptions.SegmentNameComparer.GetHashCode(Name));
}
