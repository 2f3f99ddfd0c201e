using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Destinations;

internal sealed class EditModel(ICatalogStore catalog, ISegmentGateway gateway, TimeProvider clock) : DestinationFormModel(catalog, gateway)
{
    private Destination _destination = null!;

    public override bool IsNew => false;

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (await Catalog.FindDestinationAsync(name, ct) is not { } destination)
        {
            return NotFound();
        }
        await LoadChoicesAsync(ct);
        var credential = await Catalog.GetCredentialAsync(destination.CredentialId, ct);
        Plugin = credential?.Plugin ?? Plugins.InsiderOne;
        Credential = credential?.Name;
        Name = destination.Name;
        Description = destination.Description;
        SegmentName = destination.SegmentName;
        AttributeName = destination.AttributeName;
        UpdateMode = destination.UpdateMode.ToWireName();
        AllowSplit = destination.AllowSplit;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (await Catalog.FindDestinationAsync(name, ct) is not { } destination)
        {
            return NotFound();
        }
        _destination = destination;
        Name = destination.Name;
        if (await ValidateAsync(ct) is not { } credential)
        {
            return Page();
        }
        var changed = _destination with
        {
            CredentialId = credential.Id,
            SegmentName = SegmentName!,
            AttributeName = AttributeName!,
            UpdateMode = ChosenUpdateMode,
            AllowSplit = AllowSplit,
            Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            UpdatedAt = clock.GetUtcNow(),
        };
        await Catalog.SaveDestinationAsync(changed, ct);
        return Saved(changed.Name);
    }
}
