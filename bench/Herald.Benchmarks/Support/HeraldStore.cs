using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Runs;
using Herald.Core.Updates;
using Herald.InsiderOne;
using Herald.Storage.Files;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;

namespace Herald.Benchmarks.Support;

/// <summary>
/// A Herald data directory written before the server starts, through Herald's own stores: runs already staged
/// or already awaiting their report, so that a case measures one step and not the steps before it.
/// </summary>
public sealed class HeraldStore
{
    private HeraldStore(string dataDirectory, SqliteDatabase database)
    {
        DataDirectory = dataDirectory;
        Catalog = new SqliteCatalogStore(database, new SecretProtector(new DirectoryKeyRing(dataDirectory)));
        Runs = new SqliteRunStore(database);
        Workspace = new LocalRunWorkspace(Path.Combine(dataDirectory, "files"));
        Files = new LocalFileHost(Path.Combine(dataDirectory, "files"), () => new Uri("http://127.0.0.1/"), new UrlSigner(new DirectoryKeyRing(dataDirectory)));
    }

    public string DataDirectory { get; }
    public SqliteCatalogStore Catalog { get; }
    public SqliteRunStore Runs { get; }
    public LocalRunWorkspace Workspace { get; }
    public LocalFileHost Files { get; }

    public static async Task<HeraldStore> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var database = new SqliteDatabase(Path.Combine(dataDirectory, "herald.db"));
        await database.MigrateAsync(cancellationToken);
        return new HeraldStore(dataDirectory, database);
    }

    public async Task<Credential> AddCredentialAsync(string name, string partnerName, string token, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var credential = new Credential(Guid.NewGuid(), name, Plugins.InsiderOne, InsiderOneCredentialSettings.Document(partnerName), null, now, now);
        await Catalog.SaveCredentialAsync(credential, InsiderOneCredentialSettings.Secrets(token), cancellationToken);
        return credential;
    }

    public async Task<Destination> AddDestinationAsync(string name, Guid credentialId, string segmentName, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var destination = new Destination(Guid.NewGuid(), name, credentialId, InsiderOneDestinationSettings.Document(segmentName, "email"), null, now, now);
        await Catalog.SaveDestinationAsync(destination, cancellationToken);
        return destination;
    }

    /// <summary>A run whose one-value file is staged: the next thing the server does with it is submit.</summary>
    public async Task<Run> AddStagedRunAsync(Destination destination, string value, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var run = new Run(Guid.NewGuid(), Origin(destination), now);
        var built = Workspace.PrepareBuildPath(run.Id);
        await File.WriteAllTextAsync(built, value + "\n", cancellationToken);
        var staged = await Files.PublishAsync(built, StagedFileNames.Of(run.Id, 1, 1), now.AddHours(12), cancellationToken);
        Plan(run, now, 1);
        run.CompleteStaging([staged], now);
        await Runs.CreateAsync(run, cancellationToken);
        return run;
    }

    /// <summary>A run submitted and accepted: the next thing that happens to it is Insider One's callback.</summary>
    public async Task<Run> AddAwaitingRunAsync(Destination destination, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var run = new Run(Guid.NewGuid(), Origin(destination), now);
        Plan(run, now, 7);
        run.CompleteStaging([new StagedFile(StagedFileNames.Of(run.Id, 1, 1), 10, now.AddHours(12))], now);
        run.BeginSubmission(1, now);
        run.AcceptSubmission(1, now, now.AddHours(1), "Accepted.");
        await Runs.CreateAsync(run, cancellationToken);
        return run;
    }

    /// <summary>Built and compared into one segment, as the steps before staging leave a first send.</summary>
    private static void Plan(Run run, DateTimeOffset now, long values)
    {
        run.StartBuilding(now);
        run.CompleteBuild(new AudienceCounts(values, values, 0, 0, new Dictionary<string, long>()), now);
        run.CompleteComparison(null, [new SegmentPart(1, run.Origin.SegmentName, null, values, null)], now);
    }

    private static RunOrigin Origin(Destination destination) => new(
        DestinationId: destination.Id,
        DestinationName: destination.Name,
        CredentialId: destination.CredentialId,
        OrchestrationId: null,
        OrchestrationName: null,
        Query: "SELECT email FROM Customer_360",
        SegmentName: destination.InsiderOne().SegmentName,
        AttributeName: destination.InsiderOne().AttributeName,
        AllowEmpty: false,
        StartedBy: "benchmark",
        UpdateMode: SegmentUpdateMode.Replace);
}
