using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary><c>--query SQL</c> or <c>--query-file FILE</c>: one of them, never both.</summary>
internal sealed class QueryOptions(string description = "The SQL query; it must return one column named as the destination's attribute")
{
    public Option<string?> Query { get; } = new("--query")
    {
        Description = description,
        HelpName = "SQL",
    };

    public Option<FileInfo?> QueryFile { get; } = new("--query-file")
    {
        Description = "A file holding the SQL query",
        HelpName = "FILE",
    };

    public void AddTo(Command command, bool required)
    {
        command.Options.Add(Query);
        command.Options.Add(QueryFile);
        command.Validators.Add(result =>
        {
            var hasQuery = result.GetResult(Query) is not null;
            var hasFile = result.GetResult(QueryFile) is not null;
            if (hasQuery && hasFile)
            {
                result.AddError("Give the query with --query or with --query-file, not both.");
            }
            else if (required && !hasQuery && !hasFile)
            {
                result.AddError("Give the query with --query SQL or --query-file FILE.");
            }
        });
    }

    /// <summary>The query given, or null when neither option was (allowed for updates).</summary>
    public async Task<string?> ReadAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(Query) is { } query)
        {
            return query;
        }
        if (parseResult.GetValue(QueryFile) is not { } file)
        {
            return null;
        }
        try
        {
            var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? throw new UsageException($"The query file {file.FullName} is empty.") : text.Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the query file {file.FullName}: {ex.Message}");
        }
    }
}
