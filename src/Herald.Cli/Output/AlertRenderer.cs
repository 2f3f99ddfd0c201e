using Herald.Server.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Herald.Cli.Output;

/// <summary>Alert rules as a table, and one rule with its deliveries and their attempts. Channel secrets never reach the CLI.</summary>
internal sealed class AlertRenderer(CliContext context)
{
    public void WriteAlerts(IReadOnlyList<AlertView> alerts)
    {
        if (alerts.Count == 0)
        {
            context.WriteLine($"No alert rules yet.");
            return;
        }
        var table = new Table().AddColumns("Name", "Watches", "Kinds", "Channel", "Target");
        foreach (var alert in alerts)
        {
            table.AddRow(Cells(alert.Name, Watches(alert), string.Join(", ", alert.Kinds), alert.Channel, alert.Target));
        }
        context.Console.Write(table);
    }

    public void WriteAlert(AlertDetailsView details)
    {
        var rule = details.Rule;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in new (string, string)[]
        {
            ("Name", rule.Name),
            ("Id", rule.Id.ToString()),
            ("Watches", Watches(rule)),
            ("Kinds", string.Join(", ", rule.Kinds)),
            ("Invalid share", rule.InvalidShareThreshold is { } share ? $"above {share * 100:0.#}%" : "above 10% (default)"),
            ("Channel", $"{rule.Channel}: {rule.Target}"),
            ("Secret", rule.HasSecret ? "(kept encrypted by the server; never shown)" : "none"),
            ("Created", Format.Time(rule.CreatedAt)),
        })
        {
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        }
        context.Console.Write(grid);
        if (details.Deliveries.Count == 0)
        {
            context.WriteLine($"No alerts sent yet.");
            return;
        }
        var table = new Table().AddColumns("Queued", "Event", "Subject", "State", "Attempts");
        foreach (var delivery in details.Deliveries)
        {
            var attempts = string.Join("\n", delivery.Attempts.Select(a =>
                $"#{a.Number} {Format.Time(a.At)} {(a.Delivered ? "delivered" : $"failed{(a.Status is { } s ? $" ({s})" : "")}: {a.Error}")}"));
            var next = delivery.NextAttemptAt is { } at && delivery.State == "pending" ? $"\nnext try {Format.Time(at)}" : "";
            table.AddRow(Cells(Format.Time(delivery.CreatedAt), delivery.Event, delivery.Title, delivery.State + next, attempts.Length == 0 ? "-" : attempts));
        }
        context.Console.Write(table);
    }

    private static string Watches(AlertView rule) => rule.Scope == "global" ? "every run" : $"{rule.Scope} {rule.Subject}";

    private static IEnumerable<IRenderable> Cells(params string[] cells) => cells.Select(cell => (IRenderable)new Text(cell));
}
