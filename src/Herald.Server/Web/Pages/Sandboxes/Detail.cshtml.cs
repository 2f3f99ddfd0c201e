using System.Text;
using Herald.Application.Configuration;
using Herald.Application.Sandboxes;
using Herald.Application.UseCases;
using Herald.Server.Api;
using Herald.Server.Hosting;
using Herald.Server.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Herald.Server.Web.Pages.Sandboxes;

/// <summary>
/// One sandbox: what promoting it would change (side by side per field), its checks, production's changes since its
/// base with the conflicts to resolve, its settings, its orchestrations' test runs, its configuration as a file and,
/// for a sandbox administrator, the promotion. Every action goes through the sandbox use cases, which refuse whatever
/// a hand-made form posts that the caller may not do.
/// </summary>
internal sealed class DetailModel(
    SandboxUseCases sandboxes, SandboxRunUseCases sandboxRuns, SandboxSecretUseCases sandboxSecrets, RunReads runs, IOptions<HeraldOptions> options, IOptions<SandboxOptions> sandboxOptions,
    TimeProvider clock) : PageModel
{
    /// <summary>How a conflict's choice is named in the pull form: this prefix, then the conflict's key (kind/name/field).</summary>
    public const string TakePrefix = "take:";

    private const int RecentRuns = 10;

    [BindProperty] public string? SegmentPrefix { get; set; }
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public bool DeleteAfter { get; set; }

    /// <summary>A configuration file pasted into the page.</summary>
    [BindProperty] public string? Yaml { get; set; }

    /// <summary>A configuration file chosen to upload; it wins over a pasted one.</summary>
    [BindProperty] public IFormFile? Upload { get; set; }

    public SandboxReview Review { get; private set; } = null!;
    public CatalogDocument Document { get; private set; } = null!;
    public IReadOnlyList<RunSummary> Runs { get; private set; } = [];

    /// <summary>What applying the file would change, after a dry run; null otherwise.</summary>
    public ConfigurationApplied? DryRun { get; private set; }

    public FormErrors Errors { get; } = new();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public int MaxFileBytes => options.Value.Api.MaxConfigurationBytes;

    /// <summary>The most values a test audience sends (Herald:Sandbox:MaxTestValues).</summary>
    public int MaxTestValues => sandboxOptions.Value.MaxTestValues;
    public string Name => Review.Sandbox.Name;

    public DifferenceTable ToPromoteTable => new(Review.ToPromote, "to-promote", "Production", "Sandbox",
        "The sandbox holds exactly production's configuration: promoting would change nothing.");

    public DifferenceTable SinceTable => new(Review.ProductionSinceBase, "since", "At the copy or last pull", "Production now",
        "Production has not changed since the sandbox was copied or last pulled: nothing to pull.");

    public RunTable RunTable => new(Runs, Now, ShowOrchestration: true, EmptyMessage: "No runs in this sandbox yet.");

    public static DifferenceTable DryRunTable(ConfigurationApplied dryRun) => new(dryRun.Difference, "dry-run", "Sandbox now", "The file",
        "The file matches the sandbox: applying it would change nothing.");

    public async Task<IActionResult> OnGetAsync([FromRoute] string name, CancellationToken ct)
    {
        if (!await LoadAsync(name, ct))
        {
            return NotFound();
        }
        SegmentPrefix = Review.Sandbox.SegmentPrefix;
        return Page();
    }

    /// <summary>The sandbox's configuration file, to download (catalog:read and reaching the sandbox).</summary>
    public async Task<IActionResult> OnGetExportAsync([FromRoute] string name, CancellationToken ct)
    {
        var exported = await sandboxes.ExportAsync(Callers.Web(HttpContext), name, ct);
        return exported.Succeeded
            ? File(Encoding.UTF8.GetBytes(exported.Value.Yaml), ConfigurationEndpoints.YamlMediaType, $"herald-sandbox-{name}.yaml")
            : NotFound();
    }

    public async Task<IActionResult> OnPostPullAsync([FromRoute] string name, CancellationToken ct)
    {
        var take = new Dictionary<string, ConflictSide>(StringComparer.Ordinal);
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith(TakePrefix, StringComparison.Ordinal)))
        {
            if (!Enum.TryParse<ConflictSide>(value.ToString(), ignoreCase: true, out var side) || !Enum.IsDefined(side))
            {
                Errors.Add("", $"Take '{key[TakePrefix.Length..]}' from production or from the sandbox.");
                return await ShowAsync(name, ct);
            }
            take[key[TakePrefix.Length..]] = side;
        }
        var pulled = await sandboxes.PullAsync(Callers.Web(HttpContext), name, take, ct);
        return await DoneAsync(name, pulled, s => $"Pulled production's changes into '{s.Sandbox.Name}'.", "", ct);
    }

    public async Task<IActionResult> OnPostPrefixAsync([FromRoute] string name, CancellationToken ct) =>
        await DoneAsync(name, await sandboxRuns.ChangeAsync(Callers.Web(HttpContext), name, SegmentPrefix ?? "", null, ct),
            s => $"The segment names of the sandbox's runs now start with '{s.SegmentPrefix}'.", nameof(SegmentPrefix), ct);

    public async Task<IActionResult> OnPostFullSendsAsync([FromRoute] string name, bool allow, CancellationToken ct) =>
        await DoneAsync(name, await sandboxRuns.ChangeAsync(Callers.Web(HttpContext), name, null, allow, ct),
            s => s.AllowFullSends ? "The sandbox's runs may now send whole audiences." : "The sandbox's runs send test audiences only.", "", ct);

    public async Task<IActionResult> OnPostCopySecretAsync([FromRoute] string name, string? credential, CancellationToken ct) =>
        await DoneAsync(name, await sandboxRuns.CopySecretAsync(Callers.Web(HttpContext), name, credential ?? "", ct),
            _ => $"The sandbox's runs of the credential '{credential}' now use production's secret.", "", ct);

    // The token is tried against Insider One, then kept encrypted for this sandbox; it is never put back into the page.
    public async Task<IActionResult> OnPostSecretAsync([FromRoute] string name, string? credential, string? token, CancellationToken ct) =>
        await DoneAsync(name, await sandboxSecrets.EnterAsync(Callers.Web(HttpContext), name, credential ?? "",
                Herald.InsiderOne.InsiderOneCredentialSettings.Secrets(string.IsNullOrWhiteSpace(token) ? null : token.Trim()), skipConnectionTest: false, ct),
            _ => $"The sandbox's runs of the credential '{credential}' now use the token entered for the sandbox.", "", ct);

    public async Task<IActionResult> OnPostRunAsync([FromRoute] string name, string? orchestration, CancellationToken ct)
    {
        var run = await sandboxRuns.RunAsync(Callers.Web(HttpContext), name, orchestration ?? "", ct);
        return run.Succeeded ? Redirect($"/runs/{run.Value.Id}") : await RefusedAsync(name, run.Refusal, "", ct);
    }

    public async Task<IActionResult> OnPostPromoteAsync([FromRoute] string name, CancellationToken ct)
    {
        var promoted = await sandboxes.PromoteAsync(Callers.Web(HttpContext), name, Message, DeleteAfter, ct);
        if (!promoted.Succeeded)
        {
            return await RefusedAsync(name, promoted.Refusal, nameof(Message), ct);
        }
        TempData["Notice"] = promoted.Value.Applied
            ? $"Promoted the sandbox '{name}' to production: {promoted.Value.Difference.Summary}.{(DeleteAfter ? " The sandbox is deleted." : "")}"
            : $"Production already held the sandbox '{name}''s configuration; nothing changed.{(DeleteAfter ? " The sandbox is deleted." : "")}";
        return Redirect(DeleteAfter ? "/sandboxes" : SandboxPaths.Of(name));
    }

    public async Task<IActionResult> OnPostApplyAsync([FromRoute] string name, bool dryRun, CancellationToken ct)
    {
        var yaml = await ReadFileAsync(ct);
        if (yaml is null)
        {
            return await ShowAsync(name, ct);
        }
        var applied = await sandboxes.ApplyAsync(Callers.Web(HttpContext), name, yaml, dryRun, ct);
        if (!applied.Succeeded)
        {
            return await RefusedAsync(name, applied.Refusal, nameof(Yaml), ct);
        }
        if (dryRun)
        {
            DryRun = applied.Value;
            return await ShowAsync(name, ct);
        }
        TempData["Notice"] = applied.Value.Applied
            ? $"Applied the file to the sandbox '{name}': {applied.Value.Difference.Summary}. Production is not touched."
            : $"The sandbox '{name}' already held that file; nothing changed.";
        return Redirect(SandboxPaths.Of(name));
    }

    /// <summary>The uploaded file, else the pasted one; null (with the problem in <see cref="Errors"/>) when there is none or it is too large.</summary>
    private async Task<string?> ReadFileAsync(CancellationToken ct)
    {
        if (Upload is { Length: > 0 } upload)
        {
            if (upload.Length > MaxFileBytes)
            {
                Errors.Add(nameof(Yaml), TooLarge(upload.Length));
                return null;
            }
            using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(Yaml))
        {
            Errors.Add(nameof(Yaml), "Paste a configuration file (herald config export --sandbox NAME writes one) or choose one to upload.");
            return null;
        }
        if (Encoding.UTF8.GetByteCount(Yaml) is var bytes && bytes > MaxFileBytes)
        {
            Errors.Add(nameof(Yaml), TooLarge(bytes));
            return null;
        }
        return Yaml;
    }

    private string TooLarge(long bytes) =>
        $"The file is {bytes:N0} bytes; Herald applies files of at most {MaxFileBytes:N0} bytes (Herald:Api:MaxConfigurationBytes). Split the change into smaller files.";

    private async Task<IActionResult> DoneAsync<T>(string name, UseCaseResult<T> result, Func<T, string> notice, string field, CancellationToken ct)
        where T : class
    {
        if (!result.Succeeded)
        {
            return await RefusedAsync(name, result.Refusal, field, ct);
        }
        TempData["Notice"] = notice(result.Value);
        return Redirect(SandboxPaths.Of(name));
    }

    /// <summary>
    /// The refusal on the sandbox's page, beside the form's field it is about (problems about other things in the summary);
    /// when the caller cannot see the sandbox at all, on the sandboxes page, so a refusal is never lost to a 404.
    /// </summary>
    private async Task<IActionResult> RefusedAsync(string name, Refusal refusal, string field, CancellationToken ct)
    {
        if (refusal.Problems.Count == 0)
        {
            Errors.Add(field, refusal.Message);
        }
        foreach (var problem in refusal.Problems)
        {
            Errors.Add(problem.Field is nameof(SegmentPrefix) or nameof(Message) ? problem.Field : field, problem.Message);
        }
        if (!await LoadAsync(name, ct))
        {
            TempData["Problem"] = refusal.Message;
            return Redirect("/sandboxes");
        }
        return Page();
    }

    private async Task<IActionResult> ShowAsync(string name, CancellationToken ct) => await LoadAsync(name, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(string name, CancellationToken ct)
    {
        var caller = Callers.Web(HttpContext);
        var review = await sandboxes.ReviewAsync(caller, name, ct);
        var exported = await sandboxes.ExportAsync(caller, name, ct);
        if (!review.Succeeded || !exported.Succeeded)
        {
            return false;
        }
        Review = review.Value;
        Document = exported.Value.Document;
        SegmentPrefix ??= Review.Sandbox.SegmentPrefix;
        Runs = [.. (await runs.ListAsync(caller, new RunFilter(Limit: RecentRuns, Sandbox: Review.Sandbox.Name), ct)).Select(r => r.ToSummary())];
        return true;
    }
}
