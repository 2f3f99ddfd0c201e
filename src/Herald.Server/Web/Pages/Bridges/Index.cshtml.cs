using Herald.Application.UseCases;
using Herald.Core.Bridges;
using Herald.Core.Ports;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Bridges;

internal sealed class IndexModel(BridgeUseCases bridges, IBridgeStore store, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BridgeRow> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        var rows = new List<BridgeRow>();
        foreach (var bridge in await bridges.ListAsync(caller, ct))
        {
            rows.Add(new BridgeRow(bridge, (await store.ListSyncsAsync(bridge.Id, 1, ct)).FirstOrDefault()));
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostSyncAsync(string? name, CancellationToken ct) =>
        await BridgePlaces.StartSyncAsync(this, bridges, name ?? "", ct);
}

internal sealed record BridgeRow(Bridge Bridge, BridgeSync? LastSync);
