namespace Herald.Application.Segments;

/// <summary>How many of a segment's members an identifier column could reach.</summary>
/// <param name="Column">The identity table's column, such as <c>email</c>.</param>
/// <param name="Type">The engine's type of the column, such as <c>VARCHAR</c>.</param>
/// <param name="Pii">Whether the column is personal data (Pii_Columns, Herald:Source:PiiColumns).</param>
/// <param name="MembersFound">Rows of the identity table for the segment's members (one per member found).</param>
/// <param name="UsableValues">
/// Distinct values a run would send (after trimming, the value rules and removing duplicates): a value two members share
/// counts once, as Insider One receives it once.
/// </param>
/// <param name="EmptyValues">Members without a value (NULL or blank).</param>
/// <param name="SetAside">Distinct values a run would set aside (invalid for the attribute, a comma, a line break).</param>
public sealed record IdentifierCount(string Column, string Type, bool Pii, long MembersFound, long UsableValues, long EmptyValues, long SetAside);
