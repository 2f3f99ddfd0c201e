namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// What a publication to a local folder left there: one Parquet file per table (<c>&lt;table&gt;.parquet</c>), a DuckDB
/// file <see cref="ViewDatabase"/> with a view of the same name over each, and the rows each table holds.
/// </summary>
public sealed record ParquetFolderPublication(string Folder, string ViewDatabase, IReadOnlyDictionary<string, long> Rows);
