using DuckDB.NET.Data;
using Herald.Core.Audiences;

namespace Herald.Sources.DuckDb.InsiderTables;

/// <summary>
/// The embedded default of the Snowflake pathway, for anyone without a Snowflake account: the Insider One tables are
/// written as Parquet files into a local folder by DuckDB's own <c>COPY ... (FORMAT parquet)</c>, in key order, with a
/// DuckDB file of views over them (<see cref="ViewDatabaseName"/>). Each file is written beside the old one and renamed
/// over it only when complete, so a failure half-way leaves the previous version readable.
/// </summary>
public sealed class ParquetFolderPublisher(DuckDbSourceOptions options)
{
    /// <summary>The DuckDB file in the folder whose views read the Parquet files.</summary>
    public const string ViewDatabaseName = "insider.duckdb";

    /// <summary>
    /// Checks every template, then writes them all; nothing is written when any template has a problem.
    /// </summary>
    /// <param name="folder">An absolute path; created when missing.</param>
    /// <exception cref="AudienceRejectedException">The folder is not absolute, a template has problems (all are listed),
    /// or a template fails in DuckDB; the files of tables not yet rewritten are the previous version.</exception>
    public async Task<ParquetFolderPublication> PublishAsync(
        string folder, IReadOnlyList<InsiderTableTemplate> templates, CancellationToken cancellationToken)
    {
        if (!Path.IsPathFullyQualified(folder))
        {
            throw new AudienceRejectedException($"The bridge's folder '{folder}' is not an absolute path; give the full path of a folder Herald may write.");
        }
        if (templates.Count == 0 || templates.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != templates.Count)
        {
            throw new AudienceRejectedException("Select at least one table, each once.");
        }
        if (templates.FirstOrDefault(t => !InsiderTableNames.IsValidTableName(t.Name)) is { } misnamed)
        {
            throw new AudienceRejectedException($"The table name '{misnamed.Name}' is not valid: use letters, digits and '_', all lowercase or all uppercase.");
        }
        var source = new DuckDbInsiderTableSource(options);
        var problems = new List<string>();
        foreach (var template in templates)
        {
            problems.AddRange((await source.CheckAsync(template, cancellationToken)).Problems);
        }
        if (problems.Count > 0)
        {
            throw new AudienceRejectedException("Nothing was written: " + string.Join(" ", problems));
        }

        Directory.CreateDirectory(folder);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            rows[template.Name] = await Task.Run(() => Write(folder, template, cancellationToken), cancellationToken);
        }
        var views = Path.Combine(folder, ViewDatabaseName);
        await Task.Run(() => CreateViews(views, folder, templates), cancellationToken);
        return new ParquetFolderPublication(folder, views, rows);
    }

    private long Write(string folder, InsiderTableTemplate template, CancellationToken cancellationToken)
    {
        var final = Path.Combine(folder, template.Name + ".parquet");
        var partial = Path.Combine(folder, $".{template.Name}.{Guid.NewGuid():N}.parquet.partial");
        try
        {
            using (var session = DuckDbSession.Open(options, partial, cancellationToken))
            {
                session.RequireSingleSelect(template.Sql);
                var key = DuckDbAudienceSource.Translate(() => session.Query(
                    $"SELECT column_name FROM (DESCRIBE SELECT * FROM {SqlText.AsSubquery(template.Sql)} AS q) WHERE lower(column_name) = lower({SqlText.Literal(template.KeyColumn)})",
                    reader => reader.Read() ? reader.GetString(0) : template.KeyColumn));
                DuckDbAudienceSource.Translate(() => session.Execute(
                    $"COPY (SELECT * FROM {SqlText.AsSubquery(template.Sql)} AS q ORDER BY {SqlText.Identifier(key)}) " +
                    $"TO {SqlText.Literal(partial)} (FORMAT parquet, USE_TMP_FILE false)"));
            }
            File.Move(partial, final, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM read_parquet({SqlText.Literal(final)})";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Herald's own statements over names it checked: the views read the files by absolute path, so the
    /// DuckDB file works from any working directory.</summary>
    private static void CreateViews(string views, string folder, IReadOnlyList<InsiderTableTemplate> templates)
    {
        using var connection = new DuckDBConnection($"Data Source={views}");
        connection.Open();
        foreach (var template in templates)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE OR REPLACE VIEW {SqlText.Identifier(template.Name)} AS SELECT * FROM read_parquet({SqlText.Literal(Path.Combine(folder, template.Name + ".parquet"))})";
            command.ExecuteNonQuery();
        }
    }
}
