namespace Herald.Server.Api;

/// <summary>
/// The query's first rows and its column check; <c>counts</c> (when the check passed) is what a run of the whole query
/// would send and set aside, by the run's own rules (<c>rowsQueried = valuesSent + emptyValues + duplicateValues + sum(setAside)</c>),
/// and <c>countsSummary</c> says it in one sentence.
/// </summary>
public sealed record QueryPreviewView(
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    bool ColumnCheckPassed,
    string ColumnCheck,
    string? Shortened = null,
    QueryPiiView? Pii = null,
    string? Redacted = null,
    RunCountsView? Counts = null,
    string? CountsSummary = null);
