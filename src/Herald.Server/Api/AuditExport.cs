using System.Text;
using Herald.Core.Access;
using Herald.Server.Web.Display;

namespace Herald.Server.Api;

/// <summary>The audit log as files: CSV for a spreadsheet (cells guarded against formulas), JSON for tools.</summary>
internal static class AuditExport
{
    private static readonly string[] Columns = ["sequence", "at", "actor", "channel", "remoteAddress", "action", "operation", "subject", "outcome", "detail", "before", "after"];

    public static string Csv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder(string.Join(',', Columns)).Append('\n');
        foreach (var e in entries)
        {
            string[] cells = [e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At.ToString("O"), e.Actor, e.Channel,
                e.RemoteAddress ?? "", e.Action, e.Operation, e.Subject ?? "", e.Outcome, e.Detail ?? "", e.Before ?? "", e.After ?? ""];
            csv.AppendJoin(',', cells.Select(PeopleCsv.Cell)).Append('\n');
        }
        return csv.ToString();
    }

    public static IResult File(IReadOnlyList<AuditEntry> entries, string? format) =>
        string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.File(Encoding.UTF8.GetBytes(Csv(entries)), "text/csv; charset=utf-8", "herald-audit.csv")
            : Results.Ok(entries);
}
