using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.InsiderOne;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Destinations;

internal sealed class NewModel(CatalogReads catalog, DestinationUseCases destinations) : DestinationFormModel(catalog)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Credentials.Count == 1)
        {
            Credential = Credentials[0].Name;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var share = ParsedShrinkGuardShare();
        if (Errors.Any)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        var saved = await destinations.CreateAsync(Callers.Web(HttpContext), new DestinationDraft(Name, Plugin ?? "", Credential,
            InsiderOneDestinationSettings.Document(SegmentName, AttributeName, UpdateMode, AllowSplit, share), Description, TestConnection: !SaveWithoutConnection,
            AdminOnly: AdminOnly, PiiAllowed: PiiAllowed), ct);
        return saved.Succeeded ? Saved(saved.Value) : await RefusedAsync(saved.Refusal, ct);
    }
}
