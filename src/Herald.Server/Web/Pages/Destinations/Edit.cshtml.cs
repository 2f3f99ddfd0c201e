using System.Globalization;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Updates;
using Herald.InsiderOne;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Destinations;

internal sealed class EditModel(CatalogReads catalog, DestinationUseCases destinations) : DestinationFormModel(catalog)
{
    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if ((await Catalog.FindDestinationAsync(Callers.Web(HttpContext), name, ct)).Value is not { Destination: var destination, Credential: var credential })
        {
            return NotFound();
        }
        await LoadChoicesAsync(ct);
        Plugin = credential?.Plugin ?? Plugins.InsiderOne;
        Credential = credential?.Name;
        Name = destination.Name;
        Description = destination.Description;
        SegmentName = destination.InsiderOne().SegmentName;
        AttributeName = destination.InsiderOne().AttributeName;
        UpdateMode = destination.InsiderOne().UpdateMode.ToWireName();
        AllowSplit = destination.InsiderOne().AllowSplit;
        AdminOnly = destination.AdminOnly;
        PiiAllowed = destination.PiiAllowed;
        ShrinkGuardShare = destination.InsiderOne().ShrinkGuardShare?.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if ((await Catalog.FindDestinationAsync(Callers.Web(HttpContext), name, ct)).Value is not { Destination: var destination })
        {
            return NotFound();
        }
        Name = destination.Name;
        var share = ParsedShrinkGuardShare();
        if (Errors.Any)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        // The form shows every field: what it sends is the destination as it should be.
        var saved = await destinations.UpdateAsync(Callers.Web(HttpContext), destination.Id.ToString(), new DestinationChanges(Plugin ?? "", Credential ?? "",
            InsiderOneDestinationSettings.Document(SegmentName ?? "", AttributeName ?? "", UpdateMode ?? "", AllowSplit, share, clearShrinkGuardShare: share is null),
            Description ?? "", TestConnection: !SaveWithoutConnection, AdminOnly, PiiAllowed), ct);
        return saved.Succeeded ? Saved(saved.Value) : await RefusedAsync(saved.Refusal, ct);
    }
}
