using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Mvc;

namespace Herald.Server.Web.Pages.Destinations;

internal sealed class NewModel(ICatalogStore catalog, ISegmentGateway gateway, TimeProvider clock) : DestinationFormModel(catalog, gateway)
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
        if (await ValidateAsync(ct) is not { } credential)
        {
            return Page();
        }
        var now = clock.GetUtcNow();
        var destination = new Destination(Guid.NewGuid(), Name!, credential.Id, SegmentName!, AttributeName!,
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), now, now, ChosenUpdateMode, AllowSplit);
        await Catalog.SaveDestinationAsync(destination, ct);
        return Saved(destination.Name);
    }
}
