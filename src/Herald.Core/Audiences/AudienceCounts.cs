namespace Herald.Core.Audiences;

/// <summary>
/// What the build step saw, so that it reconciles:
/// <c>RowsQueried = ValuesSent + EmptyValues + DuplicateValues + sum(SetAside)</c>.
/// Duplicates are counted after trimming; a set-aside value is counted once however often it occurred.
/// </summary>
public sealed record AudienceCounts(
    long RowsQueried,
    long ValuesSent,
    long EmptyValues,
    long DuplicateValues,
    IReadOnlyDictionary<string, long> SetAside)
{
    public long SetAsideTotal => SetAside.Values.Sum();
}
