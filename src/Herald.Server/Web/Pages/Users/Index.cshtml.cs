using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Users;

/// <summary>
/// Users, their policies and their API keys, for administrators (user:admin). A new key is shown in the answer to the
/// form that made it, once: never through a redirect, which would carry it in a cookie.
/// </summary>
internal sealed class IndexModel(UserUseCases users, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserListing> Users { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Why the page shows nothing: the caller may not administer users.</summary>
    public string? Forbidden { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>The key just made, shown this once.</summary>
    public NewApiKey? MadeKey { get; private set; }

    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? NewPolicy { get; set; }
    [BindProperty] public bool NewRestrictPii { get; set; }
    [BindProperty] public bool NewAllowSandboxAdministration { get; set; }
    [BindProperty] public string? KeyUser { get; set; }
    [BindProperty] public string? KeyName { get; set; }

    private static readonly Dictionary<string, string> UserFields = new()
    {
        [nameof(UserDraft.Name)] = nameof(NewName),
        [nameof(UserDraft.Password)] = nameof(NewPassword),
        [nameof(UserDraft.Policies)] = nameof(NewPolicy),
    };

    private static readonly Dictionary<string, string> KeyFields = new() { ["Name"] = nameof(KeyName) };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var added = await users.AddAsync(Callers.Web(HttpContext),
            new UserDraft(NewName, string.IsNullOrEmpty(NewPassword) ? null : NewPassword, NewPolicy is null ? [] : [NewPolicy], NewRestrictPii, NewAllowSandboxAdministration), ct);
        if (!added.Succeeded)
        {
            Errors.Show(added.Refusal, nameof(NewName), UserFields);
            return await RefusedAsync(added.Refusal, ct);
        }
        TempData["Notice"] = $"Added the user '{added.Value.Name}' ({string.Join(", ", added.Value.Policies)}).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(string? name, CancellationToken ct)
    {
        var disabled = await users.DisableAsync(Callers.Web(HttpContext), name ?? "", ct);
        if (!disabled.Succeeded)
        {
            Errors.Show(disabled.Refusal);
            return await RefusedAsync(disabled.Refusal, ct);
        }
        TempData["Notice"] = $"Disabled the user '{disabled.Value.Name}': its sessions and keys stop working now.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? name, CancellationToken ct)
    {
        var enabled = await users.EnableAsync(Callers.Web(HttpContext), name ?? "", ct);
        if (!enabled.Succeeded)
        {
            Errors.Show(enabled.Refusal);
            return await RefusedAsync(enabled.Refusal, ct);
        }
        TempData["Notice"] = $"Enabled the user '{enabled.Value.Name}': its password and the keys not revoked work again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMakeKeyAsync(CancellationToken ct)
    {
        var made = await users.CreateKeyAsync(Callers.Web(HttpContext), KeyUser, KeyName, ct);
        if (!made.Succeeded)
        {
            Errors.Show(made.Refusal, nameof(KeyName), KeyFields);
            return await RefusedAsync(made.Refusal, ct);
        }
        MadeKey = made.Value;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var revoked = await users.RevokeKeyAsync(Callers.Web(HttpContext), id, ct);
        if (!revoked.Succeeded)
        {
            Errors.Show(revoked.Refusal);
            return await RefusedAsync(revoked.Refusal, ct);
        }
        TempData["Notice"] = $"Revoked the key '{revoked.Value.Name}' of {revoked.Value.User}.";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefusedAsync(Refusal refusal, CancellationToken ct)
    {
        if (refusal.Kind == RefusalKind.Forbidden)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var listed = await users.ListAsync(Callers.Web(HttpContext), ct);
        if (listed.Succeeded)
        {
            Users = listed.Value;
        }
        else
        {
            Forbidden = listed.Refusal.Message;
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
    }
}
