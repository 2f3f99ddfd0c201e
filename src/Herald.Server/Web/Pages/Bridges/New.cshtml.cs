using Herald.Application.UseCases;
using Herald.Core.Bridges;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Bridges;

/// <summary>
/// The bridge form: target, name, where (a folder, or a Snowflake credential, database and schema), the tables to tick
/// with optional SQL of one's own, and the share. The bridge use cases decide, with the same rules and connection test
/// as the API; a failed test is shown with everything typed kept.
/// </summary>
internal sealed class NewModel(BridgeUseCases bridges) : PageModel
{
    [BindProperty] public string? Target { get; set; } = "folder";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Folder { get; set; }
    [BindProperty] public string? Credential { get; set; }
    [BindProperty] public string? Database { get; set; }
    [BindProperty] public string? Schema { get; set; } = "PUBLIC";
    [BindProperty] public List<string> Tables { get; set; } = [.. BridgeTable.Known];
    [BindProperty] public string? UsersSql { get; set; }
    [BindProperty] public string? EventsSql { get; set; }
    [BindProperty] public string? ShareName { get; set; }
    [BindProperty] public string? ConsumerAccount { get; set; }
    [BindProperty] public bool SaveWithoutConnection { get; set; }

    public IReadOnlyList<string> Credentials { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public ConnectionCheck? FailedConnection { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var snowflake = Target == "snowflake";
        var tables = Tables.Distinct().Select(name => new BridgeTable(name, SqlOf(name))).ToList();
        var draft = new BridgeDraft(Name, Target, snowflake ? Credential : null, snowflake ? Database : null, snowflake ? Schema : null,
            snowflake ? null : Folder, tables, snowflake ? ShareName : null, snowflake ? ConsumerAccount : null, Description,
            TestConnection: !SaveWithoutConnection);
        var saved = await bridges.CreateAsync(Callers.Web(HttpContext), draft, ct);
        if (saved.Succeeded)
        {
            TempData["Notice"] = saved.Value.Connection is { } connection
                ? $"Saved the bridge '{saved.Value.Bridge.Name}'. Connection tested: {connection.Message}"
                : $"Saved the bridge '{saved.Value.Bridge.Name}' without a connection test.";
            return Redirect($"/bridges/{Uri.EscapeDataString(saved.Value.Bridge.Name)}");
        }
        if (saved.Refusal is { Kind: RefusalKind.Unavailable, Connection: { } failed })
        {
            FailedConnection = failed;
        }
        else
        {
            Errors.Show(saved.Refusal, conflictField: nameof(Name));
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>The SQL typed for a table; empty for the shipped template.</summary>
    private string? SqlOf(string table) => (table == "insider_users" ? UsersSql : table == "insider_events" ? EventsSql : null) is { } sql && !string.IsNullOrWhiteSpace(sql) ? sql : null;

    private async Task LoadChoicesAsync(CancellationToken ct) =>
        Credentials = await bridges.SnowflakeCredentialsAsync(Callers.Web(HttpContext), ct);
}
