namespace Herald.Cli.Client;

/// <summary>Which runs <c>GET /api/runs</c> returns; null leaves a filter out.</summary>
internal sealed record RunFilter(
    string? State = null,
    string? Destination = null,
    string? Orchestration = null,
    string? StartedBy = null,
    string? Search = null,
    int? Limit = null)
{
    public string ToQueryString()
    {
        var pairs = new (string Name, string? Value)[]
        {
            ("state", State),
            ("destination", Destination),
            ("orchestration", Orchestration),
            ("startedBy", StartedBy),
            ("search", Search),
            ("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var given = pairs
            .Where(pair => !string.IsNullOrEmpty(pair.Value))
            .Select(pair => $"{pair.Name}={Uri.EscapeDataString(pair.Value!)}")
            .ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
