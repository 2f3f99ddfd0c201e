using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Destinations;

/// <summary>
/// The destination form, in the steps a user expects: plugin, credential, name, then segment and attribute.
/// Saving checks the rules and then tries the credential against Insider One; a failure is shown with
/// everything typed kept, and the user may save anyway (Insider One may be down for a while).
/// </summary>
internal abstract class DestinationFormModel(ICatalogStore catalog, ISegmentGateway gateway) : PageModel
{
    [BindProperty] public string? Plugin { get; set; } = Plugins.InsiderOne;
    [BindProperty] public string? Credential { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? SegmentName { get; set; }
    [BindProperty] public string? AttributeName { get; set; } = "email";
    [BindProperty] public string? UpdateMode { get; set; } = SegmentUpdateModes.ReplaceName;
    [BindProperty] public bool AllowSplit { get; set; }
    [BindProperty] public bool SaveWithoutConnection { get; set; }

    /// <summary>The update mode chosen, once <see cref="ValidateAsync"/> has accepted it.</summary>
    protected SegmentUpdateMode ChosenUpdateMode => SegmentUpdateModes.TryParse(UpdateMode, out var mode) ? mode : SegmentUpdateMode.Replace;

    public IReadOnlyList<Credential> Credentials { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public ConnectionCheck? FailedConnection { get; private set; }

    private string _connection = "";

    public abstract bool IsNew { get; }

    protected ICatalogStore Catalog => catalog;

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        Credentials = [.. (await catalog.ListCredentialsAsync(ct)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Checks the form and the connection; the credential to save with, or null when the page must show problems.</summary>
    protected async Task<Credential?> ValidateAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (string.IsNullOrWhiteSpace(Plugin) || !Plugins.IsKnown(Plugin))
        {
            Errors.Add(nameof(Plugin), "Choose the plugin the destination sends to: Insider One.");
        }
        var credential = string.IsNullOrWhiteSpace(Credential) ? null : Credentials.FirstOrDefault(c => c.Name == Credential);
        if (credential is null)
        {
            Errors.Add(nameof(Credential), Credentials.Count == 0
                ? "There is no credential yet: add one first, then come back to this form."
                : "Choose the credential the destination uses.");
        }
        else if (credential.Plugin != Plugin)
        {
            Errors.Add(nameof(Credential), $"The credential '{credential.Name}' is for {PluginNames.Of(credential.Plugin)}, not {PluginNames.Of(Plugin ?? "")}.");
        }
        if (IsNew)
        {
            Errors.AddRange(nameof(Name), CatalogRules.CheckCatalogName(Name, "destination"));
            if (!Errors.Has(nameof(Name)) && await catalog.FindDestinationAsync(Name!, ct) is not null)
            {
                Errors.Add(nameof(Name), $"A destination named '{Name}' exists already; choose another name, or edit that one.");
            }
        }
        Errors.AddRange(nameof(SegmentName), CatalogRules.CheckSegmentName(SegmentName));
        Errors.AddRange(nameof(AttributeName), CatalogRules.CheckAttributeName(AttributeName));
        if (!SegmentUpdateModes.TryParse(UpdateMode, out _))
        {
            Errors.Add(nameof(UpdateMode), "Choose how each run updates the segment: replace it, or add to it.");
        }
        if (!Errors.Has(nameof(SegmentName)))
        {
            Errors.AddRange(nameof(SegmentName), CatalogRules.CheckSplitSegmentName(SegmentName, AllowSplit));
        }
        if (Errors.Any || credential is null)
        {
            return null;
        }

        if (SaveWithoutConnection)
        {
            _connection = "It was saved without a successful connection test; try it with a test send.";
            return credential;
        }
        var account = new SegmentAccount(credential.PartnerName, await catalog.RevealTokenAsync(credential.Id, ct));
        var check = await gateway.CheckConnectionAsync(account, SegmentName!, ct);
        if (!check.Succeeded)
        {
            FailedConnection = check;
            return null;
        }
        _connection = $"Connection tested: {check.Message}";
        return credential;
    }

    /// <summary>Where the saved destination's page sends the user, saying what the connection test found.</summary>
    protected IActionResult Saved(string name)
    {
        TempData["Notice"] = $"Saved the destination '{name}'. {_connection}";
        return RedirectToPage("/Destinations/Index");
    }
}
