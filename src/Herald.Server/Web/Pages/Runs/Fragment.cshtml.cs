using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Runs;

/// <summary>The changing part of the run page, fetched every second by the page's script while the run is in flight.</summary>
internal sealed class FragmentModel(RunReads reads, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Herald.InsiderOne.InsiderOneOptions> insiderOne) : PageModel
{
    public RunPage View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await RunPage.LoadAsync(id, Callers.Web(HttpContext), reads, clock, insiderOne.Value.MaxRetries, ct) is not { } view)
        {
            return NotFound();
        }
        // Not cached: the page's forms carry antiforgery tokens, which mark the answer no-store already.
        View = view;
        return Page();
    }
}
