using Herald.Core.Pii;

namespace Herald.Application.Pii;

/// <summary>The PII marks the operator configured, beside those the customer 360 holds.</summary>
/// <param name="Configured">Herald:Source:PiiColumns: <c>Table.Column</c> entries for a customer 360 without a <c>Pii_Columns</c> table (or in addition to it).</param>
/// <param name="MaxMarkedColumns">Rows of the customer 360's <c>Pii_Columns</c> table read at most (Herald:Source:MaxPiiColumns).</param>
public sealed record PiiSettings(IReadOnlyList<PiiColumn> Configured, int MaxMarkedColumns = PiiSettings.DefaultMaxMarkedColumns)
{
    /// <summary>The default of <see cref="MaxMarkedColumns"/>: far more than any customer 360 marks, small enough to read on every preview.</summary>
    public const int DefaultMaxMarkedColumns = 10_000;
}
