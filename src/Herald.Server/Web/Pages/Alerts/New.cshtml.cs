using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.Server.Web.Pages.Alerts;

internal sealed class NewModel(AlertUseCases alerts, CatalogReads catalog) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string Watches { get; set; } = "global";
    [BindProperty] public List<string> Kinds { get; set; } = ["run-failed", "report-late", "shrink-guard"];
    [BindProperty] public string? InvalidShareThreshold { get; set; }
    [BindProperty] public string Channel { get; set; } = "webhook";
    [BindProperty] public string? WebhookUrl { get; set; }
    [BindProperty] public string? Secret { get; set; }
    [BindProperty] public string? EmailTo { get; set; }
    [BindProperty] public string? EmailFrom { get; set; }
    [BindProperty] public string? SmtpHost { get; set; }
    [BindProperty] public string? SmtpPort { get; set; }
    [BindProperty] public string? SmtpUser { get; set; }

    public IReadOnlyList<string> Orchestrations { get; private set; } = [];
    public IReadOnlyList<string> Destinations { get; private set; } = [];
    public FormErrors Errors { get; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (scope, subject) = Watches.Split(':', 2) is [var s, var n] ? (s, n) : ("global", (string?)null);
        double? threshold = null;
        if (!string.IsNullOrWhiteSpace(InvalidShareThreshold))
        {
            if (double.TryParse(InvalidShareThreshold, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                threshold = parsed;
            }
            else
            {
                Errors.Add(nameof(InvalidShareThreshold), $"'{InvalidShareThreshold}' is not a number: give a share such as 0.1.");
            }
        }
        int? port = null;
        if (!string.IsNullOrWhiteSpace(SmtpPort))
        {
            if (int.TryParse(SmtpPort, out var parsedPort))
            {
                port = parsedPort;
            }
            else
            {
                Errors.Add(nameof(SmtpPort), $"'{SmtpPort}' is not a port number such as 587.");
            }
        }
        if (Errors.Any)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }
        var secret = string.IsNullOrWhiteSpace(Secret) ? null : Secret.Trim();
        var draft = new AlertRuleDraft(Name, scope, subject, Kinds, threshold, Channel,
            Url: Channel == "slack" ? secret : WebhookUrl,
            SigningSecret: Channel == "webhook" ? secret : null,
            EmailTo: EmailTo?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            EmailFrom: EmailFrom, SmtpHost: SmtpHost, SmtpPort: port, SmtpUser: SmtpUser,
            SmtpPassword: Channel == "email" ? secret : null);
        var added = await alerts.AddAsync(Callers.Web(HttpContext), draft, ct);
        if (!added.Succeeded)
        {
            // A Slack URL is the secret: its problems show beside the secret field, which is never filled back in.
            var renamed = Channel == "slack"
                ? new Dictionary<string, string> { ["Url"] = nameof(AlertRuleDraft.SigningSecret), ["SmtpPassword"] = nameof(AlertRuleDraft.SigningSecret) }
                : new Dictionary<string, string> { ["Url"] = nameof(WebhookUrl), ["SmtpPassword"] = nameof(AlertRuleDraft.SigningSecret) };
            Errors.Show(added.Refusal, conflictField: nameof(Name), renamed: renamed);
            await LoadChoicesAsync(ct);
            return Page();
        }
        TempData["Notice"] = $"Saved the alert rule '{added.Value.Name}'. Send a test alert to check the channel.";
        return RedirectToPage("/Alerts/Show", new { name = added.Value.Name });
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Orchestrations = [.. (await catalog.ListOrchestrationsAsync(Callers.Web(HttpContext), ct)).Select(o => o.Orchestration.Name).Order(StringComparer.OrdinalIgnoreCase)];
        Destinations = [.. (await catalog.ListDestinationsAsync(Callers.Web(HttpContext), ct)).Select(d => d.Destination.Name).Order(StringComparer.OrdinalIgnoreCase)];
    }
}
