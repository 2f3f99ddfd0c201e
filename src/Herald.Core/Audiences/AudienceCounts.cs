namespace Herald.Core.Audiences;

/// <summary>
/// What the build step saw, so that it reconciles:
/// <c>RowsQueried = ValuesSent + EmptyValues + DuplicateValues + sum(SetAside)</c>.
/// Duplicates are counted after trimming and normalizing; a set-aside value is counted once however often it occurred.
/// </summary>
/// <param name="Normalized">
/// Rows whose value Herald rewrote before sending (by <see cref="NormalizedKinds"/>); they are among the rows above,
/// not in addition to them.
/// </param>
/// <param name="Notes">What the build noticed about the column's type, with what to change in the query.</param>
public sealed record AudienceCounts(
    long RowsQueried,
    long ValuesSent,
    long EmptyValues,
    long DuplicateValues,
    IReadOnlyDictionary<string, long> SetAside,
    IReadOnlyDictionary<string, long>? Normalized = null,
    IReadOnlyList<string>? Notes = null)
{
    public long SetAsideTotal => SetAside.Values.Sum();

    public long NormalizedTotal => Normalized?.Values.Sum() ?? 0;
}
