using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class IndexModel(ICatalogStore catalog, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CredentialRow> Rows { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public string? Problem { get; private set; }
    public IReadOnlyList<string> BlockingDestinations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(name) || await catalog.FindCredentialAsync(name, ct) is not { } credential)
        {
            TempData["Notice"] = $"The credential '{name}' was already gone.";
            return RedirectToPage();
        }
        var usedBy = (await catalog.ListDestinationsAsync(ct)).Where(d => d.CredentialId == credential.Id).Select(d => d.Name).ToList();
        if (usedBy.Count > 0)
        {
            Problem = $"The credential '{credential.Name}' was not deleted: it is used by {(usedBy.Count == 1 ? "the destination" : "the destinations")} "
                + string.Join(", ", usedBy.Select(n => $"'{n}'")) + ". Point them at another credential or delete them first.";
            BlockingDestinations = usedBy;
            await LoadAsync(ct);
            return Page();
        }
        await catalog.DeleteCredentialAsync(credential.Id, ct);
        TempData["Notice"] = $"Deleted the credential '{credential.Name}' and its token.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var destinations = await catalog.ListDestinationsAsync(ct);
        Rows = [.. (await catalog.ListCredentialsAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CredentialRow(c, [.. destinations.Where(d => d.CredentialId == c.Id).Select(d => d.Name)]))];
    }
}

internal sealed record CredentialRow(Credential Credential, IReadOnlyList<string> UsedBy);
