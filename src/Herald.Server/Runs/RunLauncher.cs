using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;

namespace Herald.Server.Runs;

/// <summary>Creates runs: from an orchestration, or an ad-hoc send of a query to a destination.</summary>
internal sealed class RunLauncher(ICatalogStore catalog, IRunStore runs, RunSignal signal, TimeProvider clock)
{
    public const int MaxSampleSize = 100_000;

    /// <param name="force">Pass the shrink guard: the person knows the update removes much of the segment.</param>
    public async Task<Run> StartOrchestrationAsync(Orchestration orchestration, bool? allowEmpty, string startedBy, CancellationToken cancellationToken, bool force = false)
    {
        var destination = await catalog.GetDestinationAsync(orchestration.DestinationId, cancellationToken)
            ?? throw new CatalogProblem($"The orchestration's destination no longer exists; point '{orchestration.Name}' at another destination.");
        var origin = new RunOrigin(destination.Id, destination.Name, destination.CredentialId, orchestration.Id, orchestration.Name,
            orchestration.Query, destination.SegmentName, destination.AttributeName, allowEmpty ?? orchestration.AllowEmpty, startedBy,
            destination.UpdateMode, destination.AllowSplit, destination.ShrinkGuardShare, force);
        return await CreateAsync(origin, cancellationToken);
    }

    public async Task<Run> StartSendAsync(
        Destination destination, string query, bool allowEmpty, string? segmentName, int? sampleSize, string startedBy, CancellationToken cancellationToken,
        bool force = false)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new CatalogProblem("The query is empty: give a SELECT that returns one column of values.");
        }
        var segment = segmentName ?? destination.SegmentName;
        if (CatalogRules.CheckSegmentName(segment) is [var problem, ..])
        {
            throw new CatalogProblem(problem);
        }
        if (sampleSize is { } size)
        {
            if (size is < 1 or > MaxSampleSize)
            {
                throw new CatalogProblem($"The sample size must be between 1 and {MaxSampleSize:N0}.");
            }
            // A test send takes the first values only; the column keeps its name.
            query = $"SELECT * FROM (\n{QueryText.WithoutTrailingTerminators(query)}\n) AS herald_sample LIMIT {size}";
        }
        if (destination.AllowSplit && CatalogRules.CheckSplitSegmentName(segment, allowSplit: true) is [var tooLong, ..])
        {
            throw new CatalogProblem(tooLong);
        }
        var origin = new RunOrigin(destination.Id, destination.Name, destination.CredentialId, null, null,
            query, segment, destination.AttributeName, allowEmpty, startedBy,
            destination.UpdateMode, destination.AllowSplit, destination.ShrinkGuardShare, force);
        return await CreateAsync(origin, cancellationToken);
    }

    private async Task<Run> CreateAsync(RunOrigin origin, CancellationToken cancellationToken)
    {
        var run = new Run(Guid.NewGuid(), origin, clock.GetUtcNow());
        await runs.CreateAsync(run, cancellationToken);
        signal.Pulse();
        return run;
    }
}

/// <summary>A request that cannot be carried out as asked; the message says what to change.</summary>
internal sealed class CatalogProblem(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status { get; } = status;
}
