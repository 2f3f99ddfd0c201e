using Herald.Application.Segments;
using Herald.Server.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Segments;

internal sealed class IndexModel(SegmentUseCases segments) : PageModel
{
    public IReadOnlyList<SegmentListing> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Rows = (await segments.ListAsync(Callers.Web(HttpContext), ct)).Value ?? [];
}
