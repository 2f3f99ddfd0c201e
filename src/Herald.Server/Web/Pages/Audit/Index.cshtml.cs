using System.Text;
using Herald.Application.Access;
using Herald.Core.Access;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Audit;

/// <summary>The audit log with filters (who, action, outcome, since), and the same list exported as CSV or JSON; audit:read.</summary>
internal sealed class IndexModel(AuditReads audit, TimeProvider clock) : PageModel
{
    private const int PageEntries = 200;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public DateTimeOffset? Since { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Forbidden { get; private set; }

    /// <summary>The filters as a query string, for the export links.</summary>
    public string Filters => QueryString.Create(new Dictionary<string, string?>
    {
        ["Actor"] = Actor, ["Action"] = Action, ["Outcome"] = Outcome, ["Since"] = Since?.ToString("O"),
    }.Where(f => !string.IsNullOrWhiteSpace(f.Value))).ToString();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(PageEntries, ct);

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        await LoadAsync(AuditReads.MaxLimit, ct);
        if (Forbidden is not null)
        {
            return new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = Forbidden, ContentType = "text/plain; charset=utf-8" };
        }
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(Encoding.UTF8.GetBytes(AuditExport.Csv(Entries)), "text/csv; charset=utf-8", "herald-audit.csv")
            : File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Entries, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), "application/json", "herald-audit.json");
    }

    private async Task LoadAsync(int limit, CancellationToken ct)
    {
        var listed = await audit.ListAsync(Callers.Web(HttpContext), new AuditQuery(Since, Actor, Action, Outcome, limit), ct);
        if (listed.Succeeded)
        {
            Entries = listed.Value;
        }
        else
        {
            Forbidden = listed.Refusal.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
