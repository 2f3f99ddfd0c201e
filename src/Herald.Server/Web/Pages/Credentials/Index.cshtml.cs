using Herald.Application.Handover;
using Herald.Application.UseCases;
using Herald.Server.Hosting;
using Herald.Server.Api;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class IndexModel(CatalogReads catalog, CredentialUseCases credentials, HandoverUseCases handovers, PublicUrls urls, TimeProvider clock) : PageModel
{
    /// <summary>The recent hand-over links, so the requester sees which were used and when.</summary>
    public IReadOnlyList<HandoverLink> Links { get; private set; } = [];

    /// <summary>The link just made: shown this once, never stored.</summary>
    public string? NewLink { get; private set; }

    public string? NewLinkName { get; private set; }

    public async Task<IActionResult> OnPostRequestAsync(string? name, double? hours, CancellationToken ct)
    {
        var lifetime = hours is { } h && double.IsFinite(h) && h is > 0 and < 1_000_000 ? TimeSpan.FromHours(h) : TimeSpan.Zero;
        var requested = await handovers.RequestAsync(Callers.Web(HttpContext), name, null, lifetime, ct);
        if (requested.Succeeded)
        {
            NewLink = HandoverPaths.LinkOf(urls.BaseUrl, requested.Value.Token);
            NewLinkName = requested.Value.Link.CredentialName;
        }
        else
        {
            Problem = requested.Refusal.Message + " " + string.Join(" ", requested.Refusal.Problems.Select(p => p.Message));
            Response.StatusCode = requested.Refusal.Kind == RefusalKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    public IReadOnlyList<CredentialRow> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Problem { get; private set; }
    public IReadOnlyList<string> BlockingDestinations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        var removed = await credentials.RemoveAsync(Callers.Web(HttpContext), name ?? "", ct);
        if (removed.Refusal is { Kind: RefusalKind.NotFound })
        {
            TempData["Notice"] = $"The credential '{name}' was already gone.";
            return RedirectToPage();
        }
        if (removed.Refusal is { Kind: RefusalKind.Forbidden } forbidden)
        {
            Problem = forbidden.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await LoadAsync(ct);
            return Page();
        }
        if (!removed.Succeeded)
        {
            var usedBy = removed.Refusal.InUseBy;
            Problem = $"The credential '{name}' was not deleted: it is used by {(usedBy.Count == 1 ? "the destination" : "the destinations")} "
                + string.Join(", ", usedBy.Select(n => $"'{n}'")) + ". Point them at another credential or delete them first.";
            BlockingDestinations = usedBy;
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = $"Deleted the credential '{removed.Value.Name}' and its token.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Rows = [.. (await catalog.ListCredentialsAsync(Callers.Web(HttpContext), ct)).Select(c => new CredentialRow(c.Credential, c.UsedBy))];
        Links = (await handovers.ListAsync(Callers.Web(HttpContext), ct)).Value ?? [];
    }
}

internal sealed record CredentialRow(Credential Credential, IReadOnlyList<string> UsedBy);
