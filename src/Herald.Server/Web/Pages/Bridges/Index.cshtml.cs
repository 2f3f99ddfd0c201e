using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Bridges;

internal sealed class IndexModel(BridgeUseCases bridges, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BridgeListing> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => Rows = await bridges.ListAsync(Callers.Web(HttpContext), ct);

    public async Task<IActionResult> OnPostSyncAsync(string? name, CancellationToken ct) =>
        await BridgePlaces.StartSyncAsync(this, bridges, name ?? "", ct);
}
