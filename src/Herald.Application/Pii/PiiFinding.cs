namespace Herald.Application.Pii;

/// <summary>
/// Which columns of a query's result are personal data, and whether the audience as a whole is, with the rule that
/// decided in words (the column rule: a value comes from a PII column; the attribute rule: the destination's attribute
/// is a personal identifier).
/// </summary>
/// <param name="Columns">The result's columns in order, each with the PII columns it comes from.</param>
/// <param name="AudienceIsPii">Whether the audience is personal data, by either rule.</param>
/// <param name="Rule">The sentence that says which rule decided, such as "PII by the column rule: email comes from Customer_360.email."</param>
public sealed record PiiFinding(IReadOnlyList<PiiResultColumn> Columns, bool AudienceIsPii, string Rule)
{
    /// <summary>Whether the result column at <paramref name="index"/> holds personal data.</summary>
    public bool IsPii(int index) => index < Columns.Count && Columns[index].IsPii;
}
