using Herald.InsiderOne;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class EditModel(ICatalogStore catalog, TimeProvider clock) : PageModel
{
    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public string? NewApiToken { get; set; }
    [BindProperty] public string? Description { get; set; }

    public Credential Credential { get; private set; } = null!;
    public IReadOnlyList<string> UsedBy { get; private set; } = [];
    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        PartnerName = Credential.PartnerName;
        Description = Credential.Description;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        Errors.AddRange(nameof(PartnerName), InsiderOneRules.CheckPartnerName(PartnerName));
        var rotate = !string.IsNullOrEmpty(NewApiToken);
        if (rotate)
        {
            Errors.AddRange(nameof(NewApiToken), InsiderOneRules.CheckApiToken(NewApiToken));
        }
        if (Errors.Any)
        {
            return Page();
        }
        var changed = Credential with
        {
            PartnerName = PartnerName!,
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            UpdatedAt = clock.GetUtcNow(),
        };
        await catalog.SaveCredentialAsync(changed, rotate ? NewApiToken : null, ct);
        TempData["Notice"] = rotate
            ? $"Saved the credential '{changed.Name}' with its new token; the next runs use it."
            : $"Saved the credential '{changed.Name}'; its token is unchanged.";
        return RedirectToPage("/Credentials/Index");
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        if (await catalog.FindCredentialAsync(name, ct) is not { } credential)
        {
            return false;
        }
        Credential = credential;
        UsedBy = [.. (await catalog.ListDestinationsAsync(ct)).Where(d => d.CredentialId == credential.Id).Select(d => d.Name)];
        return true;
    }
}
