using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class IndexModel(CatalogReads catalog, CredentialUseCases credentials, TimeProvider clock) : PageModel
{
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
    }
}

internal sealed record CredentialRow(Credential Credential, IReadOnlyList<string> UsedBy);
