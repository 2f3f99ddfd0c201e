using System.Globalization;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Destinations;

/// <summary>
/// The destination form, in the steps a user expects: plugin, credential, name, then segment and attribute. The
/// destination use cases decide (the same rules and connection test as the API); a failed connection test is shown
/// with everything typed kept, and the user may save anyway (Insider One may be down for a while).
/// </summary>
internal abstract class DestinationFormModel(CatalogReads catalog) : PageModel
{
    [BindProperty] public string? Plugin { get; set; } = Plugins.InsiderOne;
    [BindProperty] public string? Credential { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? SegmentName { get; set; }
    [BindProperty] public string? AttributeName { get; set; } = "email";
    [BindProperty] public string? UpdateMode { get; set; } = SegmentUpdateModes.ReplaceName;
    [BindProperty] public bool AllowSplit { get; set; }
    [BindProperty] public bool AdminOnly { get; set; }
    [BindProperty] public bool PiiAllowed { get; set; }

    /// <summary>As typed: empty for the server's guard; a share from 0 to 1 otherwise.</summary>
    [BindProperty] public string? ShrinkGuardShare { get; set; }

    [BindProperty] public bool SaveWithoutConnection { get; set; }

    public IReadOnlyList<Credential> Credentials { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public ConnectionCheck? FailedConnection { get; private set; }

    public abstract bool IsNew { get; }

    protected CatalogReads Catalog => catalog;

    protected async Task LoadChoicesAsync(CancellationToken ct) =>
        Credentials = [.. (await catalog.ListCredentialsAsync(Server.Api.Callers.Web(HttpContext), ct)).Select(c => c.Credential)];

    /// <summary>The shrink guard typed, or a problem beside the field when it is not a number.</summary>
    protected double? ParsedShrinkGuardShare()
    {
        if (string.IsNullOrWhiteSpace(ShrinkGuardShare))
        {
            return null;
        }
        if (double.TryParse(ShrinkGuardShare.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && double.IsFinite(share))
        {
            return share;
        }
        Errors.Add(nameof(ShrinkGuardShare), $"The shrink guard '{ShrinkGuardShare}' is not a number: give a share from 0 to 1, such as 0.5, or leave it empty.");
        return null;
    }

    /// <summary>Shows a refusal beside the fields it is about, or the failed connection test.</summary>
    protected async Task<IActionResult> RefusedAsync(Refusal refusal, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (refusal.Connection is { } connection)
        {
            FailedConnection = connection;
            return Page();
        }
        Errors.Show(refusal, conflictField: IsNew ? nameof(Name) : "");
        return Page();
    }

    /// <summary>Where the saved destination's page sends the user, saying what the connection test found.</summary>
    protected IActionResult Saved(DestinationSaved saved)
    {
        var connection = saved.Connection is { } check
            ? $"Connection tested: {check.Message}"
            : "It was saved without a successful connection test; try it with a test send.";
        TempData["Notice"] = $"Saved the destination '{saved.Destination.Name}'. {connection}";
        return RedirectToPage("/Destinations/Index");
    }
}
