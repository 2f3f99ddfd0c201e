using Herald.Application.Sandboxes;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Sandboxes;

/// <summary>
/// The caller's sandboxes (every one for a sandbox administrator), with a form to create one and, for those who may,
/// a button to delete one; others see who may instead of a button that would fail.
/// </summary>
internal sealed class IndexModel(SandboxListings listings, SandboxUseCases sandboxes, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? SegmentPrefix { get; set; }

    public IReadOnlyList<SandboxListing> Rows { get; private set; } = [];

    /// <summary>Why the list cannot be shown (the caller lacks catalog:read), or null.</summary>
    public string? Refused { get; private set; }

    public FormErrors Errors { get; } = new();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await sandboxes.CreateAsync(Callers.Web(HttpContext), Name?.Trim(), string.IsNullOrWhiteSpace(SegmentPrefix) ? null : SegmentPrefix, ct);
        if (!created.Succeeded)
        {
            Errors.Show(created.Refusal, conflictField: nameof(Name));
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = $"Created the sandbox '{created.Value.Name}': a copy of production's configuration, without its secrets.";
        return Redirect(SandboxPaths.Of(created.Value.Name));
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken ct)
    {
        var deleted = await sandboxes.DeleteAsync(Callers.Web(HttpContext), name ?? "", ct);
        TempData[deleted.Succeeded ? "Notice" : "Problem"] = deleted.Succeeded
            ? $"Deleted the sandbox '{deleted.Value.Name}'. Production is as it was; the sandbox's runs stay in the history."
            : deleted.Refusal.Message;
        return Redirect("/sandboxes");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var listed = await listings.ListAsync(Callers.Web(HttpContext), ct);
        Rows = listed.Value ?? [];
        Refused = listed.Refusal?.Message;
    }
}
