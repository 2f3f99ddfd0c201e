namespace Herald.SnowflakeStandIn.State;

/// <summary>The shares made through the stand-in, by name. Safe to use from any thread.</summary>
internal sealed class ShareRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StandInShare> shares = new(StringComparer.Ordinal);

    public IReadOnlyList<StandInShare> All()
    {
        lock (gate) { return shares.Values.OrderBy(share => share.Name, StringComparer.Ordinal).ToList(); }
    }

    public StandInShare? Find(string name)
    {
        lock (gate) { return shares.GetValueOrDefault(name); }
    }

    /// <summary>Creates the share unless it exists; true when it was created.</summary>
    public bool Create(string name, DateTimeOffset now, bool replace)
    {
        lock (gate)
        {
            if (shares.ContainsKey(name) && !replace)
            {
                return false;
            }

            shares[name] = new StandInShare(name, now, [], []);
            return true;
        }
    }

    public bool Drop(string name)
    {
        lock (gate) { return shares.Remove(name); }
    }

    public void Update(string name, Func<StandInShare, StandInShare> change)
    {
        lock (gate) { shares[name] = change(shares[name]); }
    }

    public void Clear()
    {
        lock (gate) { shares.Clear(); }
    }
}
