using Herald.Application.Handover;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Credentials;

/// <summary>
/// Changing a credential: what was typed stays after a refusal (never the token: the page says it cleared that field),
/// "Test connection" tries it without saving, and a fix started from a failed run (<c>?returnTo=</c> its id) returns there.
/// </summary>
internal sealed class EditModel(CatalogReads catalog, CredentialUseCases credentials, CredentialConnectionTest connection, RunReads runs, HandoverUseCases handovers) : PageModel
{
    /// <summary>What the page says when it had to clear the token a refused or tested form carried.</summary>
    public const string TokenClearedMessage = "The token field was cleared for safety: enter it again.";

    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public string? NewApiToken { get; set; }
    [BindProperty] public string? Description { get; set; }

    /// <summary>The failed run the fix was started from: only a run's id (a Guid), and only one that exists, so never a redirect elsewhere.</summary>
    [BindProperty(SupportsGet = true)] public Guid? ReturnTo { get; set; }

    /// <summary>Whether a token was typed and the page, shown again, no longer holds it.</summary>
    public bool TokenCleared { get; private set; }

    /// <summary>The answer of "Test connection", or null when it was not asked.</summary>
    public ConnectionCheck? Connection { get; private set; }

    public Credential Credential { get; private set; } = null!;
    public IReadOnlyList<string> UsedBy { get; private set; } = [];

    /// <summary>Who asked for the credential by hand-over link, when it came that way.</summary>
    public CredentialHandover? HandedOver { get; private set; }
    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        PartnerName = Credential.InsiderOne().PartnerName;
        Description = Credential.Description;
        ReturnTo = await ReturnRunAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        ReturnTo = await ReturnRunAsync(ct);
        var rotate = !string.IsNullOrEmpty(NewApiToken);
        var saved = await credentials.UpdateAsync(Callers.Web(HttpContext), Credential.Id.ToString(), Typed(), ct);
        if (!saved.Succeeded)
        {
            Errors.Show(saved.Refusal, renamed: new Dictionary<string, string> { ["ApiToken"] = nameof(NewApiToken) });
            TokenCleared = rotate;
            return Page();
        }
        var changed = saved.Value;
        var saying = rotate
            ? $"Saved the credential '{changed.Name}' with its new token; the next runs use it."
            : $"Saved the credential '{changed.Name}'; its token is unchanged.";
        if (ReturnTo is { } runId)
        {
            TempData["Notice"] = saying + " Run it again from here to try the fix.";
            return Redirect($"/runs/{runId}");
        }
        TempData["Notice"] = saying;
        return RedirectToPage("/Credentials/Index");
    }

    public async Task<IActionResult> OnPostTestAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        ReturnTo = await ReturnRunAsync(ct);
        var tested = await connection.TestAsync(Callers.Web(HttpContext), Credential.Id.ToString(), Typed(), ct);
        if (tested.Succeeded)
        {
            Connection = tested.Value;
        }
        else
        {
            Errors.Show(tested.Refusal, renamed: new Dictionary<string, string> { ["ApiToken"] = nameof(NewApiToken) });
        }
        TokenCleared = !string.IsNullOrEmpty(NewApiToken);
        return Page();
    }

    /// <summary>The form shows the partner name and description: what it sends is the credential as it should be.</summary>
    private CredentialChanges Typed() => new(InsiderOneCredentialSettings.Document(PartnerName ?? ""),
        InsiderOneCredentialSettings.Secrets(string.IsNullOrEmpty(NewApiToken) ? null : NewApiToken), Description ?? "");

    /// <summary>The run to return to: <see cref="ReturnTo"/> when it names a run the caller may read; anything else is dropped.</summary>
    private async Task<Guid?> ReturnRunAsync(CancellationToken ct) =>
        ReturnTo is { } id && (await runs.GetAsync(Callers.Web(HttpContext), id, ct)).Succeeded ? id : null;

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        if ((await catalog.FindCredentialAsync(Callers.Web(HttpContext), name, ct)).Value is not { } found)
        {
            return false;
        }
        Credential = found.Credential;
        UsedBy = found.UsedBy;
        HandedOver = await handovers.HandoverOfAsync(Callers.Web(HttpContext), found.Credential.Id, ct);
        return true;
    }
}
