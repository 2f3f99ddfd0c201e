namespace Herald.Simulator.SnowflakeImport;

/// <summary>What Insider One holds after its imports: users by <c>uuid</c> and events by key, each as its columns
/// (names lowercase), the latest <c>updated_at</c> per share and table, and the reports. Safe to use from any thread.</summary>
internal sealed class SnowflakeImportState
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, string?>> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string?>> events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> watermarks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ShareImportReport> reports = [];

    public IReadOnlyDictionary<string, string?>? User(string uuid)
    {
        lock (gate) { return users.GetValueOrDefault(uuid); }
    }

    public IReadOnlyDictionary<string, string?>? Event(string key)
    {
        lock (gate) { return events.GetValueOrDefault(key); }
    }

    public int UserCount
    {
        get { lock (gate) { return users.Count; } }
    }

    public int EventCount
    {
        get { lock (gate) { return events.Count; } }
    }

    public IReadOnlyList<ShareImportReport> Reports()
    {
        lock (gate) { return reports.ToList(); }
    }

    public DateTime? Watermark(string table)
    {
        lock (gate) { return watermarks.TryGetValue(table, out var mark) ? mark : null; }
    }

    /// <summary>Keeps a table's accepted rows and moves its watermark, at the end of a table's import: a failed import
    /// changes nothing.</summary>
    public void Commit(bool isUsers, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> accepted, string table, DateTime? latest)
    {
        lock (gate)
        {
            var target = isUsers ? users : events;
            foreach (var (key, row) in accepted)
            {
                target[key] = row;
            }

            if (latest is { } mark && (!watermarks.TryGetValue(table, out var old) || mark > old))
            {
                watermarks[table] = mark;
            }
        }
    }

    public void Add(ShareImportReport report)
    {
        lock (gate) { reports.Add(report); }
    }

    public void Clear()
    {
        lock (gate)
        {
            users.Clear();
            events.Clear();
            watermarks.Clear();
            reports.Clear();
        }
    }
}
