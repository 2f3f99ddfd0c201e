using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class EditModel(CatalogReads catalog, CredentialUseCases credentials) : PageModel
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
        PartnerName = Credential.InsiderOne().PartnerName;
        Description = Credential.Description;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        var rotate = !string.IsNullOrEmpty(NewApiToken);
        // The form shows the partner name and description: what it sends is the credential as it should be.
        var saved = await credentials.UpdateAsync(Callers.Web(HttpContext), Credential.Id.ToString(),
            new CredentialChanges(InsiderOneCredentialSettings.Document(PartnerName ?? ""), InsiderOneCredentialSettings.Secrets(rotate ? NewApiToken : null), Description ?? ""), ct);
        if (!saved.Succeeded)
        {
            Errors.Show(saved.Refusal, renamed: new Dictionary<string, string> { ["ApiToken"] = nameof(NewApiToken) });
            return Page();
        }
        var changed = saved.Value;
        TempData["Notice"] = rotate
            ? $"Saved the credential '{changed.Name}' with its new token; the next runs use it."
            : $"Saved the credential '{changed.Name}'; its token is unchanged.";
        return RedirectToPage("/Credentials/Index");
    }

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        if ((await catalog.FindCredentialAsync(Callers.Web(HttpContext), name, ct)).Value is not { } found)
        {
            return false;
        }
        Credential = found.Credential;
        UsedBy = found.UsedBy;
        return true;
    }
}
