using Herald.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages;

internal sealed class SignInModel(ApiKey apiKey, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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
        if (string.IsNullOrWhiteSpace(Key))
        {
            Problem = "Enter the API key to sign in.";
            return Page();
        }
        if (!WebSignIn.IsTheKey(apiKey, Key))
        {
            throttle.Failed(address);
            Problem = "That is not this server's API key. Copy it again from the api-key file in Herald's data directory.";
            return Page();
        }
        await WebSignIn.SignInAsync(HttpContext, apiKey);
        return LocalRedirect(Destination());
    }

    private string Destination() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
