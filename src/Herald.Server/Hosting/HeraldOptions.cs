// Over 250 lines on purpose: every setting under Herald and its start-up check in one place, so that a setting and the
// sentence naming it when it is wrong are read (and changed) together.
using System.ComponentModel.DataAnnotations;

namespace Herald.Server.Hosting;

// Over 250 lines on purpose: the one options class bound from the Herald section, whose settings are validated together
// in one Validate (several checks compare settings with each other), so that a person reads every rule in one place.

/// <summary>Settings under <c>Herald</c> (environment: <c>Herald__...</c>). Validated at start-up.</summary>
public sealed class HeraldOptions : IValidatableObject
{
    public const string Section = "Herald";

    /// <summary>Where Herald keeps its metadata, keys and files.</summary>
    [Required(ErrorMessage = "Herald:DataDirectory is required: the folder where Herald keeps its metadata, keys and files (serve --data-dir).")]
    public string DataDirectory { get; set; } = "";

    /// <summary>The base URL Insider One uses to reach Herald's files and callbacks; default the server's own URL.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>An API key to use instead of the generated one (for deployments that inject secrets).</summary>
    public string? ApiKey { get; set; }

    public FileSettings Files { get; set; } = new();

    public SourceSettings Source { get; set; } = new();

    public WorkerSettings Workers { get; set; } = new();

    public UpdateSettings Updates { get; set; } = new();

    public ApiSettings Api { get; set; } = new();

    public WebSettings Web { get; set; } = new();

    public AccessSettings Access { get; set; } = new();

    public BridgeSettings Bridges { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Herald:PublicBaseUrl must be an absolute http(s) URL that Insider One can reach, such as https://herald.example.com.", [nameof(PublicBaseUrl)]);
        }
        if (ApiKey is { Length: > 0 and < 24 })
        {
            yield return new ValidationResult("Herald:ApiKey is too short: use at least 24 random characters, or leave it unset to have Herald generate one.", [nameof(ApiKey)]);
        }
        if (Files.UrlLifetime <= TimeSpan.Zero || Files.UrlLifetime > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("Herald:Files:UrlLifetime must be between 00:00:01 and 7.00:00:00 (default 12:00:00).", ["Files.UrlLifetime"]);
        }
        if (Bridges.FolderRoot is { } root && !Path.IsPathFullyQualified(root))
        {
            yield return new ValidationResult($"Herald:Bridges:FolderRoot '{root}' must be an absolute path (folder bridges write under it), or unset for 'bridges' in the data directory.", ["Bridges.FolderRoot"]);
        }
        if (Source.DuckDbPath is { } path && !File.Exists(path))
        {
            yield return new ValidationResult($"Herald:Source:DuckDbPath names '{path}', which does not exist. Name an existing DuckDB file, or leave it unset for the embedded sample.", ["Source.DuckDbPath"]);
        }
        if (Source.SampleCustomers is < 1 or > 50_000_000)
        {
            yield return new ValidationResult("Herald:Source:SampleCustomers must be between 1 and 50,000,000.", ["Source.SampleCustomers"]);
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(Source.MemoryLimit, @"^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            yield return new ValidationResult($"Herald:Source:MemoryLimit '{Source.MemoryLimit}' must be a size such as 160MB or 1GB.", ["Source.MemoryLimit"]);
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(Source.MaxTempDirectorySize, @"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            yield return new ValidationResult($"Herald:Source:MaxTempDirectorySize '{Source.MaxTempDirectorySize}' must be a size such as 2GB or 500MB.", ["Source.MaxTempDirectorySize"]);
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(Updates.MemoryLimit, @"^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            yield return new ValidationResult($"Herald:Updates:MemoryLimit '{Updates.MemoryLimit}' must be a size such as 512MB or 1GB.", ["Updates.MemoryLimit"]);
        }
        foreach (var problem in SourceFolders.Problems(this))
        {
            yield return new ValidationResult(problem, ["Source.AllowedDirectories"]);
        }
        if (Source.QueryTimeout < TimeSpan.FromSeconds(1) || Source.QueryTimeout > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Herald:Source:QueryTimeout must be between 00:00:01 and 1.00:00:00 (default 00:30:00).", ["Source.QueryTimeout"]);
        }
        if (Source.PreviewMaxCellChars is < 16 or > 1_000_000 || Source.PreviewMaxChars < Source.PreviewMaxCellChars || Source.PreviewMaxChars > 64_000_000)
        {
            yield return new ValidationResult("Herald:Source:PreviewMaxCellChars must be between 16 and 1,000,000, and Herald:Source:PreviewMaxChars " +
                "between it and 64,000,000 (defaults 1,000 and 262,144).", ["Source.PreviewMaxChars"]);
        }
        if (Source.SchemaMaxColumns is < 10 or > 100_000)
        {
            yield return new ValidationResult("Herald:Source:SchemaMaxColumns must be between 10 and 100,000 (default 2,000).", ["Source.SchemaMaxColumns"]);
        }
        foreach (var problem in PiiColumnSettings.Problems(Source))
        {
            yield return problem;
        }
        if (Source.MaxConcurrentPreviews is < 1 or > 64)
        {
            yield return new ValidationResult("Herald:Source:MaxConcurrentPreviews must be between 1 and 64 (default 2).", ["Source.MaxConcurrentPreviews"]);
        }
        if (Updates.Threads < 0)
        {
            yield return new ValidationResult("Herald:Updates:Threads must be 0 (all cores) or more.", ["Updates.Threads"]);
        }
        if (Workers.Concurrency is < 1 or > 64)
        {
            yield return new ValidationResult("Herald:Workers:Concurrency must be between 1 and 64.", ["Workers.Concurrency"]);
        }
        if (Api.MaxRequestBytes is < 16 * 1024 or > 256 * 1024 * 1024 || Api.MaxCallbackBytes is < 1024 or > 1024 * 1024)
        {
            yield return new ValidationResult("Herald:Api:MaxRequestBytes must be between 16,384 and 268,435,456 (default 1,048,576), and " +
                "Herald:Api:MaxCallbackBytes between 1,024 and 1,048,576 (default 16,384).", ["Api.MaxRequestBytes"]);
        }
        if (Api.MaxConfigurationBytes is < 1024 or > 64 * 1024 * 1024)
        {
            yield return new ValidationResult("Herald:Api:MaxConfigurationBytes must be between 1,024 and 67,108,864 (default 524,288).", ["Api.MaxConfigurationBytes"]);
        }
        if (Access.MaxHandoverHours is < 1 or > 24 * 90)
        {
            yield return new ValidationResult("Herald:Access:MaxHandoverHours must be between 1 and 2,160 (90 days; default 168).", ["Access.MaxHandoverHours"]);
        }
        if (Access.HandoverRetentionHours is < 1 or > Herald.Application.Handover.HandoverLimits.MaxRetentionHours)
        {
            yield return new ValidationResult(
                $"Herald:Access:HandoverRetentionHours must be between 1 and {Herald.Application.Handover.HandoverLimits.MaxRetentionHours:N0} (a year; default {Herald.Application.Handover.HandoverLimits.DefaultRetentionHours}).",
                ["Access.HandoverRetentionHours"]);
        }
        if (Web.SignInFailuresPerMinute is < 1 or > 10_000)
        {
            yield return new ValidationResult("Herald:Web:SignInFailuresPerMinute must be between 1 and 10,000 (default 10).", ["Web.SignInFailuresPerMinute"]);
        }
        foreach (var proxy in Web.KnownProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                yield return new ValidationResult($"Herald:Web:KnownProxies holds '{proxy}': give the proxies' IP addresses, such as 10.0.0.5.", ["Web.KnownProxies"]);
            }
        }
        if (Workers.MaxCallsPerRun is < 50 or > 1_000_000)
        {
            yield return new ValidationResult("Herald:Workers:MaxCallsPerRun must be between 50 and 1,000,000 (default 1,000).", ["Workers.MaxCallsPerRun"]);
        }
        if (Workers.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("Herald:Workers:LeaseDuration must be at least 00:00:01.", ["Workers.LeaseDuration"]);
        }
        if (Workers.PollInterval <= TimeSpan.Zero || Workers.DeadlineSweepInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Herald:Workers:PollInterval and DeadlineSweepInterval must be positive.", ["Workers.PollInterval"]);
        }
    }

    /// <summary>Limits on what one request may send.</summary>
    public sealed class BridgeSettings
    {
        /// <summary>The folder under which folder bridges write their Parquet files, one folder per bridge; null for <c>bridges</c> in the data directory.</summary>
        public string? FolderRoot { get; set; }
    }

    public sealed class ApiSettings
    {
        /// <summary>Bytes of one request body to the API or the UI; a larger one is answered 413 before it is read.</summary>
        public int MaxRequestBytes { get; set; } = 1024 * 1024;

        /// <summary>Bytes of one callback body from Insider One (its reports are a few hundred bytes).</summary>
        public int MaxCallbackBytes { get; set; } = 16 * 1024;

        /// <summary>Bytes of one configuration file applied (POST /api/config/apply), instead of MaxRequestBytes.</summary>
        public int MaxConfigurationBytes { get; set; } = 512 * 1024;
    }

    /// <summary>The web UI's sign-in and the proxies in front of it.</summary>
    public sealed class AccessSettings
    {
        /// <summary>The longest a credential hand-over link may live, in hours.</summary>
        public int MaxHandoverHours { get; set; } = Herald.Application.Handover.HandoverLimits.DefaultMaxHours;

        /// <summary>How long a hand-over link is kept after it was used or expired, in hours; then a background cleanup removes it.</summary>
        public int HandoverRetentionHours { get; set; } = Herald.Application.Handover.HandoverLimits.DefaultRetentionHours;

        /// <summary>The two settings above as the hand-over use cases and cleanup take them.</summary>
        public Herald.Application.Handover.HandoverLimits HandoverLimits => new(MaxHandoverHours, HandoverRetentionHours);
    }

    public sealed class WebSettings
    {
        /// <summary>Failed sign-ins one client address may make per minute; past it every sign-in from that address is refused until the minute ends.</summary>
        public int SignInFailuresPerMinute { get; set; } = 10;

        /// <summary>
        /// Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto Herald believes (so that a sign-in over
        /// https at the proxy gets a Secure cookie). Empty: no forwarded header is believed.
        /// </summary>
        public string[] KnownProxies { get; set; } = [];
    }

    public sealed class FileSettings
    {
        /// <summary>How long a file URL works after staging (Insider One keeps 12 hours).</summary>
        public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(12);
    }

    public sealed class SourceSettings
    {
        /// <summary>The customer 360 DuckDB file; unset means the embedded sample in the data directory.</summary>
        public string? DuckDbPath { get; set; }

        /// <summary>
        /// The only folders a query may read files from (views over Parquet or CSV files must point inside them); URLs are never
        /// read. Unset means the customer 360 file's own folder. None may overlap the data directory (see <see cref="SourceFolders"/>).
        /// </summary>
        public string[]? AllowedDirectories { get; set; }

        /// <summary>How long one query (a preview or an audience build) may run before DuckDB is interrupted.</summary>
        public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Characters a preview shows of one value; longer ones are cut, saying so.</summary>
        public int PreviewMaxCellChars { get; set; } = 1_000;

        /// <summary>Characters of values one preview holds in all; later rows are left out, saying so.</summary>
        public int PreviewMaxChars { get; set; } = 256 * 1024;

        /// <summary>Columns the description of the customer 360 (beside the query editor, GET /api/source/schema) lists at most.</summary>
        public int SchemaMaxColumns { get; set; } = 2_000;

        /// <summary>Previews running at the same time; one more is answered 429 (each holds a DuckDB session and a core).</summary>
        public int MaxConcurrentPreviews { get; set; } = 2;

        /// <summary>Personal data (PII) columns as <c>Table.Column</c>, beside the customer 360's <c>Pii_Columns</c> table (<see cref="PiiColumnSettings"/>).</summary>
        public string[]? PiiColumns { get; set; }

        /// <summary>Rows of the customer 360's <c>Pii_Columns</c> table read at most (the table is the user's data: its size is bounded).</summary>
        public int MaxPiiColumns { get; set; } = Herald.Application.Pii.PiiSettings.DefaultMaxMarkedColumns;

        /// <summary>Customers in the embedded sample, created on first start.</summary>
        public int SampleCustomers { get; set; } = 10_000;

        /// <summary>DuckDB's memory ceiling; it spills to the data directory beyond it.</summary>
        /// <remarks>
        /// DuckDB's resident memory runs somewhat above its limit, and the server itself idles near 115 MB: 100MB
        /// keeps a five-million-value audience within the server's 300 MB budget (docs/performance.md).
        /// </remarks>
        public string MemoryLimit { get; set; } = "100MB";

        /// <summary>DuckDB's cap on the spill files of one query or comparison (its <c>max_temp_directory_size</c>).</summary>
        /// <remarks>DuckDB's own default is 90% of the free disk: one query could fill it, and the server's database with it.</remarks>
        public string MaxTempDirectorySize { get; set; } = "2GB";

        /// <summary>DuckDB threads per query; 0 for all cores.</summary>
        /// <remarks>
        /// One by default: each DuckDB thread needs its own share of <see cref="MemoryLimit"/>, and at 100MB two threads
        /// run out of memory on a 20-million-value audience where one finishes (docs/performance.md). Raise both together.
        /// </remarks>
        public int Threads { get; set; } = 1;
    }

    /// <summary>How segments are compared with Insider One's copy before an update.</summary>
    public sealed class UpdateSettings
    {
        /// <summary>DuckDB's memory ceiling while comparing; it spills to the data directory beyond it, so Herald's memory stays flat.</summary>
        /// <remarks>
        /// A first send needs no comparison in DuckDB. An update of five million values peaks near 530 MB of server
        /// memory at this limit (below it DuckDB runs out of memory for the join); 1GB keeps a comparison of 10 million
        /// values against 10 million in memory, where it takes about 5 s instead of about 8 s (docs/performance.md).
        /// </remarks>
        public string MemoryLimit { get; set; } = "256MB";

        /// <summary>DuckDB threads while comparing; 0 for all cores.</summary>
        public int Threads { get; set; }
    }

    public sealed class WorkerSettings
    {
        /// <summary>Runs worked on at the same time by this instance.</summary>
        public int Concurrency { get; set; } = 4;

        /// <summary>How long a worker's claim on a run lasts without renewal; a dead worker's runs are taken over after it.</summary>
        public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How often idle workers look for runs (they are also woken when a run is created).</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Calls recorded in one run's history at most (attempts, downloads, callbacks); a replayed callback is counted, not stored again.</summary>
        public int MaxCallsPerRun { get; set; } = 1000;

        /// <summary>How often runs awaiting a report are checked against their deadline.</summary>
        public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(5);
    }
}
