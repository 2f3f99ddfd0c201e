using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using System.Net.Http.Json;
using Herald.Browser.Tests.Support;
using Herald.Server.Api;

namespace Herald.Browser.Tests;

/// <summary>
/// Every page Herald's UI links to, found by following its links from the dashboard (so a page added later is checked
/// without being listed here): no serious accessibility violation (axe-core), and at 390 px wide no page scrolls
/// sideways (tables scroll inside their card).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageTests(HeraldInBrowser herald)
{
    private const int MaxPages = 80;
    private const int PhoneWidth = 390;

    // Links that are not pages to check: signing out, downloads, the API and what Insider One fetches.
    private static readonly string[] NotPages = ["/signout", "/api", "/files", "/callbacks", "/openapi", "/ui/"];

    [Fact]
    public async Task EveryPage_HasNoSeriousAccessibilityViolation()
    {
        var paths = await CrawlAsync();
        var page = await herald.SignedInPageAsync();
        var problems = new List<string>();

        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }

        paths.Count.ShouldBeGreaterThan(8, "the crawl must reach the lists and the detail pages");
        problems.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EveryPage_At390PixelsWide_ScrollsOnlyUpAndDown()
    {
        var paths = await CrawlAsync();
        var page = await herald.SignedInPageAsync(width: PhoneWidth);
        var wide = new List<string>();

        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > PhoneWidth)
            {
                // Name the outermost element that sticks out, so the failure says what to fix.
                var culprit = await page.EvaluateAsync<string>("""
                    () => {
                      const out = Array.from(document.querySelectorAll('body *')).filter(el => el.getBoundingClientRect().right > window.innerWidth + 1);
                      const top = out.filter(el => !out.includes(el.parentElement));
                      return top.slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().replace(/\s+/g, '.') : '')).join(', ');
                    }
                    """);
                wide.Add($"{path} is {width} px wide ({culprit})");
            }
        }

        wide.ShouldBeEmpty();
        await page.GotoAsync(paths.First(p => p.StartsWith("/runs/", StringComparison.Ordinal)));
        await herald.Screenshots.TakeAsync(page, "run-390px", forDocs: true);
        await page.Context.CloseAsync();
    }

    /// <summary>The pages reachable from the dashboard by links, after making one of everything so detail pages exist.</summary>
    private async Task<IReadOnlyList<string>> CrawlAsync()
    {
        var (_, destination) = await herald.AddDestinationAsync($"Every page {Unique.Suffix()}");
        await herald.AddOrchestrationAsync(destination, "SELECT email FROM Customer_360 LIMIT 5");
        (await herald.Api.PostAsJsonAsync("/api/segments", new SegmentInput($"every-page-{Unique.Suffix()}", "SELECT amperity_id FROM Customer_360 LIMIT 5")))
            .EnsureSuccessStatusCode();
        await herald.WaitForFinalAsync((await herald.SendAsync(destination, "SELECT email FROM Customer_360 LIMIT 5")).Id);
        (await herald.Api.PostAsJsonAsync("/api/sandboxes", new SandboxInput($"page-{Unique.Suffix()}"))).EnsureSuccessStatusCode();
        var page = await herald.SignedInPageAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        var queue = new Queue<string>(["/"]);
        while (queue.Count > 0 && found.Count < MaxPages)
        {
            var path = queue.Dequeue();
            if (!seen.Add(PageKey(path)))
            {
                continue;
            }
            var response = await page.GotoAsync(path);
            if (response is null || !response.Ok || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }
            found.Add(path);
            var links = await page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('a[href]'))
                    .filter(a => !a.hasAttribute('download') && a.origin === location.origin)
                    .map(a => a.pathname + a.search)
                """);
            foreach (var link in links.Where(l => !NotPages.Any(p => l.StartsWith(p, StringComparison.Ordinal)) && !l.Contains("handler=", StringComparison.Ordinal)))
            {
                queue.Enqueue(link);
            }
        }
        await page.Context.CloseAsync();
        // The public hand-over page is reached by a link sent outside Herald, not by a link in the UI.
        var handover = await herald.Api.PostAsJsonAsync("/api/credentials/requests", new HandoverRequestInput($"every-page-{Unique.Suffix()}", "insiderone", 24));
        found.Add(new Uri((await handover.Content.ReadFromJsonAsync<HandoverRequestView>())!.Link).AbsolutePath);
        return found;
    }

    // One visit per kind of page, whatever its filters or subject: "/runs?state=failed" is the runs page again, and
    // "/destinations/vip/edit" the same page as "/destinations/gold/edit".
    private static string PageKey(string path)
    {
        var parts = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[1] != "new")
        {
            parts[1] = "{name}";
        }
        return "/" + string.Join('/', parts);
    }
}
