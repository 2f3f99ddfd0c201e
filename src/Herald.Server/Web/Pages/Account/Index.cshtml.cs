using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Security;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Account;

/// <summary>
/// The signed-in user's own account: what its policies allow, its password and its own API keys, for any signed-in
/// user. Nothing here takes a user's name, so nobody reaches another account through it, administrators included. A new
/// key is shown in the answer to the form that made it, once: never through a redirect, which would carry it in a cookie.
/// </summary>
internal sealed class IndexModel(UserUseCases users, ThrottledPasswordChange passwords, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ApiKeyListing> Keys { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public FormErrors Errors { get; } = new();

    /// <summary>The key just made, shown this once.</summary>
    public NewApiKey? MadeKey { get; private set; }

    /// <summary>What the user's policies allow, as the header of the page says it.</summary>
    public Grant Grant => CallerClaims.GrantOf(User);

    // Passwords are never shown again: the inputs render empty whatever was posted.
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? KeyName { get; set; }

    private static readonly Dictionary<string, string> KeyFields = new() { ["Name"] = nameof(KeyName) };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var changed = await passwords.ChangeAsync(HttpContext, Callers.Web(HttpContext), CurrentPassword, NewPassword, WebSignIn.SessionOf(User), ct);
        if (!changed.Succeeded)
        {
            Errors.Show(changed.Refusal);
            if (changed.Refusal.Kind == RefusalKind.Busy)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = changed.Value.OtherSessionsEnded == 0
            ? "Changed your password. Sign in with it from now on."
            : $"Changed your password; your {changed.Value.OtherSessionsEnded} other signed-in session(s) were signed out.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMakeKeyAsync(CancellationToken ct)
    {
        var made = await users.CreateKeyAsync(Callers.Web(HttpContext), null, KeyName, ct);
        if (!made.Succeeded)
        {
            Errors.Show(made.Refusal, nameof(KeyName), KeyFields);
        }
        else
        {
            MadeKey = made.Value;
            KeyName = null;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var revoked = await users.RevokeOwnKeyAsync(Callers.Web(HttpContext), id, ct);
        if (!revoked.Succeeded)
        {
            Errors.Add("", "You have no API key with that id: it may have been removed. Your keys are listed below.");
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = $"Revoked your key '{revoked.Value.Name}': requests with it are refused from now on.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var keys = await users.ListKeysAsync(Callers.Web(HttpContext), null, ct);
        Keys = keys.Succeeded ? keys.Value : [];
    }
}
