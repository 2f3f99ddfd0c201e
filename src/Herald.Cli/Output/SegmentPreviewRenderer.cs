using System.Globalization;
using Herald.Server.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Herald.Cli.Output;

/// <summary>A segment's preview in the terminal: the counts per identifier column, then the first members (PII values already hidden by the server for a restricted caller).</summary>
internal sealed class SegmentPreviewRenderer(CliContext context)
{
    public void Write(SegmentPreviewView preview)
    {
        context.WriteLine($"{preview.Summary}");
        if (preview.Identifiers.Count > 0)
        {
            var counts = new Table().AddColumns("Identifier", "Type", "Members found", "Usable values", "Empty", "Set aside");
            foreach (var identifier in preview.Identifiers)
            {
                counts.AddRow(
                    new Text(identifier.Column + (identifier.Pii ? " (PII)" : "")), new Text(identifier.Type), Number(identifier.MembersFound),
                    Number(identifier.UsableValues), Number(identifier.EmptyValues), Number(identifier.SetAside));
            }
            context.Console.Write(counts);
        }
        if (preview.Rows.Count > 0)
        {
            var members = new Table().AddColumns([.. preview.Columns.Select(c => new TableColumn(new Text(c)))]);
            foreach (var row in preview.Rows)
            {
                members.AddRow(row.Select(cell => (IRenderable)new Text(cell ?? "null")));
            }
            context.Console.Write(members);
        }
        var rules = preview.WithDestinationRules
            ? "Usable values are judged by the destination's rule for its attribute."
            : "Usable values are any non-empty value a file can carry: give --destination to judge them by its attribute's rule.";
        foreach (var line in new[] { preview.IdentifiersShortened, preview.Redacted, rules })
        {
            if (line is not null)
            {
                context.WriteLine($"{line}");
            }
        }
    }

    private static Text Number(long value) => new(value.ToString("N0", CultureInfo.InvariantCulture));
}
