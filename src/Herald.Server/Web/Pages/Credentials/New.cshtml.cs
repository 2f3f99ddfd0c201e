using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class NewModel(CredentialUseCases credentials) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Plugin { get; set; } = Plugins.InsiderOne;
    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public string? ApiToken { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new();

    public void OnGet()
    {
        if (ReturnUrl is not null && !Url.IsLocalUrl(ReturnUrl))
        {
            ReturnUrl = null;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var added = await credentials.CreateAsync(Callers.Web(HttpContext), new CredentialDraft(Name, Plugin,
            InsiderOneCredentialSettings.Document(PartnerName), InsiderOneCredentialSettings.Secrets(ApiToken), Description), ct);
        if (!added.Succeeded)
        {
            Errors.Show(added.Refusal, conflictField: nameof(Name));
            return Page();
        }
        TempData["Notice"] = $"Saved the credential '{added.Value.Name}'. Its token is stored encrypted.";
        return ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Credentials/Index");
    }
}
