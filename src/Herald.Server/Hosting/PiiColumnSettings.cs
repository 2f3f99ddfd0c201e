using System.ComponentModel.DataAnnotations;
using Herald.Application.Pii;
using Herald.Core.Pii;

namespace Herald.Server.Hosting;

/// <summary>
/// Herald:Source:PiiColumns (<c>Table.Column</c> entries, for a customer 360 without a <c>Pii_Columns</c> table, or beside
/// it) and Herald:Source:MaxPiiColumns: checked at start-up, then handed to the application as <see cref="PiiSettings"/>.
/// </summary>
internal static class PiiColumnSettings
{
    public static IEnumerable<ValidationResult> Problems(HeraldOptions.SourceSettings source)
    {
        foreach (var entry in source.PiiColumns ?? [])
        {
            if (PiiColumn.TryParse(entry) is null)
            {
                yield return new ValidationResult($"Herald:Source:PiiColumns holds '{entry}': give each PII column as Table.Column, such as Customer_360.email " +
                    "(one dot; no spaces or quotes).", ["Source.PiiColumns"]);
            }
        }
        if (source.MaxPiiColumns is < 1 or > 1_000_000)
        {
            yield return new ValidationResult("Herald:Source:MaxPiiColumns must be between 1 and 1,000,000 (default 10,000).", ["Source.MaxPiiColumns"]);
        }
    }

    /// <summary>The configured marks as the application takes them (entries were validated at start-up).</summary>
    public static PiiSettings Of(HeraldOptions.SourceSettings source) =>
        new([.. (source.PiiColumns ?? []).Select(PiiColumn.TryParse).OfType<PiiColumn>()], source.MaxPiiColumns);
}
