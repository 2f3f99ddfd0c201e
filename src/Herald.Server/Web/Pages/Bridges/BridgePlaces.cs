using Herald.Application.UseCases;
using Herald.Core.Bridges;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Bridges;

/// <summary>What the bridge pages share: where a bridge publishes, in words, and "Sync now".</summary>
internal static class BridgePlaces
{
    public static string Where(Bridge bridge) => bridge.Target == BridgeTargetKind.Folder
        ? $"Folder {bridge.Folder} (Parquet and DuckDB views)"
        : $"Snowflake {bridge.Database}.{bridge.Schema}";

    /// <summary>Queues a sync and goes to the bridge's page, where it shows; a refusal comes back as the page's problem.</summary>
    public static async Task<IActionResult> StartSyncAsync(PageModel page, BridgeUseCases bridges, string name, CancellationToken ct)
    {
        var started = await bridges.StartSyncAsync(Callers.Web(page.HttpContext), name, allowShrink: false, ct);
        if (!started.Succeeded)
        {
            page.TempData["Problem"] = started.Refusal.Message;
            return new RedirectToPageResult("/Bridges/Index");
        }
        page.TempData["Notice"] = $"Sync of '{started.Value.BridgeName}' queued; its state shows below.";
        return new RedirectResult($"/bridges/{Uri.EscapeDataString(started.Value.BridgeName)}");
    }
}
