using Herald.InsiderOne;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

internal sealed class NewModel(ICatalogStore catalog, TimeProvider clock) : PageModel
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
        var plugin = string.IsNullOrWhiteSpace(Plugin) ? Plugins.InsiderOne : Plugin.Trim();
        Errors.AddRange(nameof(Name), CatalogRules.CheckCatalogName(Name, "credential"));
        if (!Plugins.IsKnown(plugin))
        {
            Errors.Add(nameof(Plugin), $"Herald has no plugin '{plugin}'; choose Insider One.");
        }
        Errors.AddRange(nameof(PartnerName), InsiderOneRules.CheckPartnerName(PartnerName));
        Errors.AddRange(nameof(ApiToken), InsiderOneRules.CheckApiToken(ApiToken));
        if (!Errors.Has(nameof(Name)) && await catalog.FindCredentialAsync(Name!, ct) is not null)
        {
            Errors.Add(nameof(Name), $"A credential named '{Name}' exists already; choose another name, or edit that one.");
        }
        if (Errors.Any)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        var credential = new Credential(Guid.NewGuid(), Name!, plugin, PartnerName!, string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), now, now);
        await catalog.SaveCredentialAsync(credential, ApiToken, ct);
        TempData["Notice"] = $"Saved the credential '{credential.Name}'. Its token is stored encrypted.";
        return ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Credentials/Index");
    }
}
