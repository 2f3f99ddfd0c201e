namespace Herald.Core.Audiences;

/// <summary>One column of a customer 360 table, as its engine names it.</summary>
/// <param name="Name">The column's name, as a query writes it.</param>
/// <param name="Type">The engine's name of the column's type, such as DuckDB's <c>VARCHAR</c>, <c>BIGINT</c> or <c>TIMESTAMP</c>.</param>
/// <param name="Pii">Whether the column holds personal data, by the PII columns (Pii_Columns, Herald:Source:PiiColumns); the source itself leaves it false.</param>
public sealed record SourceColumn(string Name, string Type, bool Pii = false);
