using Herald.Server.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Herald.Cli.Output;

/// <summary>A query preview in the terminal: the rows as the server returned them (PII values already hidden for a restricted caller), then what they mean.</summary>
internal sealed class PreviewRenderer(CliContext context)
{
    public void Write(QueryPreviewView preview)
    {
        var pii = preview.Pii?.PiiColumns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal) ?? [];
        if (preview.Rows.Count == 0)
        {
            context.WriteLine($"The query returned no rows.");
        }
        else
        {
            var table = new Table().AddColumns([.. preview.Columns.Select(c => pii.Contains(c) ? $"{c} (PII)" : c).Select(c => new TableColumn(new Text(c)))]);
            foreach (var row in preview.Rows)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "null")));
            }
            context.Console.Write(table);
        }
        foreach (var line in new[] { preview.Shortened, preview.Redacted, preview.Pii?.Rule, $"Column check: {(preview.ColumnCheckPassed ? "passed" : "not passed")}. {preview.ColumnCheck}" })
        {
            if (line is not null)
            {
                context.WriteLine($"{line}");
            }
        }
    }
}
