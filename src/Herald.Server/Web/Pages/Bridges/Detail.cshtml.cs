using Herald.Application.UseCases;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Bridges;

internal sealed class DetailModel(BridgeUseCases bridges, TimeProvider clock) : PageModel
{
    public BridgeDetails Details { get; private set; } = null!;
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        var shown = await bridges.ShowAsync(Callers.Web(HttpContext), name, ct);
        if (!shown.Succeeded)
        {
            return NotFound();
        }
        Details = shown.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostSyncAsync([FromRoute] string name, CancellationToken ct) =>
        await BridgePlaces.StartSyncAsync(this, bridges, name, ct);
}
