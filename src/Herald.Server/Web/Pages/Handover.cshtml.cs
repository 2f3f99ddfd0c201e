using Herald.Application.Handover;
using Herald.InsiderOne;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages;

/// <summary>
/// The public page of a credential hand-over link: the account holder, who has no Herald account, enters the partner
/// name and API token. Shows only the name and plugin asked for; an unknown, used or expired link reads the same.
/// Wrong links and failed checks spend the address's sign-in failures, so the page cannot be used to guess links.
/// </summary>
[RequestSizeLimit(MaxBodyBytes)]
[RequestFormLimits(ValueLengthLimit = MaxBodyBytes, KeyLengthLimit = 256, ValueCountLimit = 16)]
internal sealed class HandoverModel(HandoverUseCases handovers, SignInThrottle throttle) : PageModel
{
    /// <summary>A partner name and a token are short; anything bigger is not an answer to this form.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? PartnerName { get; set; }

    [BindProperty]
    public string? ApiToken { get; set; }

    /// <summary>The name asked for; null when the link is not valid.</summary>
    public string? CredentialName { get; private set; }

    public string? Plugin { get; private set; }

    public string? Problem { get; private set; }

    public bool HandedOver { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var address = SignInThrottle.AddressOf(HttpContext);
        if (!throttle.Allows(address))
        {
            Problem = "Too many attempts from this address: wait a minute before trying again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var result = await handovers.HandOverAsync(Token, InsiderOneCredentialSettings.Document(PartnerName?.Trim()),
            InsiderOneCredentialSettings.Secrets(ApiToken?.Trim()), address, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            HandedOver = true;
            CredentialName = result.Value.Name;
            return Page();
        }
        if (result.Refusal.Kind is not Herald.Application.UseCases.RefusalKind.Invalid)
        {
            throttle.Failed(address);
        }
        Problem = result.Refusal.Message;
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (await handovers.OpenAsync(Token, HttpContext.RequestAborted) is { } link)
        {
            CredentialName = link.CredentialName;
            Plugin = link.Plugin;
        }
        else
        {
            Problem = HandoverUseCases.NoLongerValid;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }
}
