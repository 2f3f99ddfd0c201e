using Herald.Application.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages;

internal sealed class SignInModel(UserUseCases users, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>One of the user's API keys, instead of a name and password.</summary>
    [BindProperty]
    public string? Key { get; set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(Destination()) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var address = SignInThrottle.AddressOf(HttpContext);
        if (!throttle.Allows(address))
        {
            Problem = SignInThrottle.Refusal;
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var byKey = !string.IsNullOrWhiteSpace(Key);
        if (!byKey && (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password)))
        {
            Problem = "Enter your user name and password, or one of your API keys, to sign in.";
            return Page();
        }
        var user = byKey
            ? await users.AuthenticateKeyAsync(Key, HttpContext.RequestAborted)
            : await users.AuthenticatePasswordAsync(UserName, Password, HttpContext.RequestAborted);
        if (user is null)
        {
            throttle.Failed(address);
            // One sentence for every cause, so that it does not tell which user names exist.
            Problem = byKey
                ? "That key is not a working API key of an enabled user. The first administrator's is in the api-key file in Herald's data directory."
                : "That user name and password do not match an enabled user. Ask an administrator to check your account.";
            return Page();
        }
        await WebSignIn.SignInAsync(HttpContext, user);
        return LocalRedirect(Destination());
    }

    private string Destination() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
