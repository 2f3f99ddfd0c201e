using Herald.Application.Pii;

namespace Herald.Server.Api;

/// <summary>Which columns of a preview are personal data (PII), and the rule that decided, in words.</summary>
/// <param name="PiiColumns">The result's PII columns, each with the marked columns (<c>Table.Column</c>) it comes from.</param>
/// <param name="AudienceIsPii">Whether the audience is PII: by the column rule or by the attribute rule (email, phone_number).</param>
public sealed record QueryPiiView(IReadOnlyList<QueryPiiColumnView> PiiColumns, bool AudienceIsPii, string Rule)
{
    public static QueryPiiView Of(PiiFinding finding) =>
        new([.. finding.Columns.Where(c => c.IsPii).Select(c => new QueryPiiColumnView(c.Name, [.. c.From.Select(f => f.ToString())]))], finding.AudienceIsPii, finding.Rule);
}
