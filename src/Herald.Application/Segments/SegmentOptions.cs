using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Herald.Application.Segments;

/// <summary>Settings under <c>Herald:Segments</c>. Validated at start-up, so a bad value stops Herald before any segment is read.</summary>
public sealed partial class SegmentOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Herald:Segments";

    /// <summary>The largest allowed <see cref="MaxIdentifierColumns"/>: each counted column runs the segment once more.</summary>
    public const int IdentifierColumnsCeiling = 64;

    /// <summary>
    /// The customer 360's table of one row per customer whose columns orchestrations send for a segment's members (its
    /// key <c>amperity_id</c>, customer-360.md): a table name, or <c>schema.table</c>.
    /// </summary>
    public string IdentityTable { get; set; } = "Customer_360";

    /// <summary>The most identifier columns a segment's preview counts usable values for (each is one more pass over the segment).</summary>
    public int MaxIdentifierColumns { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(IdentityTable) || IdentityTable.Length > 200 || !TableName().IsMatch(IdentityTable))
        {
            yield return new ValidationResult(
                $"Herald:Segments:IdentityTable is '{IdentityTable}': give the customer 360's table of one row per customer, such as Customer_360 or crm.people " +
                "(letters, digits and '_', with one optional 'schema.' before it).", [nameof(IdentityTable)]);
        }
        if (MaxIdentifierColumns is < 1 or > IdentifierColumnsCeiling)
        {
            yield return new ValidationResult(
                $"Herald:Segments:MaxIdentifierColumns must be between 1 and {IdentifierColumnsCeiling} (default 8).", [nameof(MaxIdentifierColumns)]);
        }
    }

    [GeneratedRegex("^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex TableName();
}
