using Herald.Application.Access;
using Herald.Application.Pii;
using Herald.Application.Runs;
using Herald.Application.Segments;
using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;

namespace Herald.Application.UseCases;

/// <summary>
/// Adding, changing and removing orchestrations, and previewing a query: the query is checked against the source
/// (read-only, its column against the destination's attribute) when saved, so a wrong query is refused at once; the
/// run checks again, since the customer 360 can change in between.
/// </summary>
internal sealed class OrchestrationUseCases(
    ICatalogStore catalog, IScheduleStore schedules, IAudienceSource source, PiiCatalog pii, PreviewGate previews, DestinationRoutes routes, QueryChecks queries,
    IdentityTable identity, SegmentAudiences segments, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The most rows a preview returns, whatever is asked.</summary>
    public const int MaxPreviewRows = 1000;

    /// <summary>
    /// The query's first rows, its column checked against the attribute, the PII finding, and what a run of the whole
    /// query would send and set aside by the run's own value rules (the destination's, when one is named). Nothing is
    /// saved or sent. A caller whose policy restricts personal data (no pii:view) sees the values of PII columns as
    /// <see cref="PiiRedaction.Hidden"/> and a sentence saying why; quoted values in an error are hidden from them too.
    /// </summary>
    /// <param name="destinationKey">The destination (name or id) whose attribute and value rule apply; null to use <paramref name="attributeName"/> alone.</param>
    /// <param name="attributeName">The column's expected name when no destination is named; null for no check and no counts.</param>
    public async Task<UseCaseResult<QueryPreviewResult>> PreviewAsync(
        Caller caller, string? query, string? destinationKey, string? attributeName, int maxRows, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.QueryPreview) is { } denied)
        {
            return denied;
        }
        if (string.IsNullOrWhiteSpace(query))
        {
            return Refusal.Rule("The query is empty: write a SELECT that returns one column of values.");
        }
        ValueRule? rule = null;
        if (!string.IsNullOrWhiteSpace(destinationKey))
        {
            if (await catalog.FindDestinationAsync(destinationKey, cancellationToken) is not { } destination || !DestinationAccess.MaySee(caller, destination))
            {
                return Refusal.NotFound("destination", destinationKey);
            }
            var (plugin, route, _) = await routes.OfAsync(destination, cancellationToken);
            attributeName = route.AttributeName;
            rule = plugin.ValueRuleOf(route.AttributeName);
        }
        // Each preview holds a DuckDB session and a core until its query ends: one more than the gate allows is refused.
        using var lease = previews.TryEnter();
        if (!lease.IsAcquired)
        {
            return new Refusal(RefusalKind.Busy, previews.Refusal, []);
        }
        try
        {
            var preview = await source.PreviewAsync(query, Math.Clamp(maxRows, 0, MaxPreviewRows), cancellationToken);
            var problem = attributeName is null ? null : AudienceColumnCheck.Problem(preview.Columns, attributeName);
            var check = attributeName is null ? "No attribute given to check the column against."
                : problem ?? $"One column named '{attributeName}', as the destination expects.";
            var passed = attributeName is not null && problem is null;
            var finding = await pii.ClassifyAsync(query, preview.Columns, attributeName, cancellationToken);
            // The counts run the whole query through the run's own rules (IAudienceSource.CountAsync), never a copy of them.
            var counts = passed ? await source.CountAsync(new AudienceQuery(query, attributeName!, rule), cancellationToken) : null;
            var result = new QueryPreviewResult(preview.Columns, preview.Rows, passed, check, preview.Shortened, finding, Counts: counts,
                CountsSummary: counts is null ? null : PreviewCountsText.Of(counts, withDestinationRules: rule is not null || !string.IsNullOrWhiteSpace(destinationKey)));
            return caller.Grant.RestrictsPii ? PreviewRedaction.Redact(result, attributeName) : result;
        }
        catch (AudienceRejectedException rejected)
        {
            return Refusal.Rule(caller.Grant.RestrictsPii ? PiiRedaction.QuotedValuesHidden(rejected.Message) : rejected.Message);
        }
    }

    public async Task<UseCaseResult<Orchestration>> CreateAsync(Caller caller, OrchestrationDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.OrchestrationEdit, "add orchestration", draft.Name, null,
            await CreateUnauditedAsync(caller, draft, cancellationToken), o => o);

    private async Task<UseCaseResult<Orchestration>> CreateUnauditedAsync(Caller caller, OrchestrationDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.OrchestrationEdit) is { } denied)
        {
            return denied;
        }
        var problems = CatalogRules.CheckCatalogName(draft.Name, "orchestration").Select(m => new FieldProblem(nameof(draft.Name), m)).ToList();
        var destination = await DestinationOfAsync(caller, draft.Destination, problems, cancellationToken);
        var audience = destination is null ? default : await AudienceOfAsync(draft.Query, draft.Segment, draft.IdentifierColumn, destination, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return Refusal.Invalid("orchestration", problems);
        }
        if (await catalog.FindOrchestrationAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"An orchestration named '{draft.Name}' exists already; choose another name, or update that one.") with { Subject = "orchestration" };
        }
        var now = clock.GetUtcNow();
        var orchestration = new Orchestration(Guid.NewGuid(), draft.Name!, destination!.Id, audience.Query, draft.AllowEmpty, Descriptions.Clean(draft.Description), now, now)
        {
            Segment = audience.Segment,
            IdentifierColumn = audience.IdentifierColumn,
        };
        await catalog.SaveOrchestrationAsync(orchestration, cancellationToken);
        return orchestration;
    }

    public async Task<UseCaseResult<Orchestration>> UpdateAsync(Caller caller, string key, OrchestrationChanges changes, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.OrchestrationEdit, "change orchestration", key,
            await catalog.FindOrchestrationAsync(key, cancellationToken), await UpdateUnauditedAsync(caller, key, changes, cancellationToken), o => o);

    private async Task<UseCaseResult<Orchestration>> UpdateUnauditedAsync(Caller caller, string key, OrchestrationChanges changes, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.OrchestrationEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(key, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", key);
        }
        var problems = new List<FieldProblem>();
        var destination = await DestinationOfAsync(caller, changes.Destination ?? orchestration.DestinationId.ToString(), problems, cancellationToken);
        // A query given makes it send that query; a segment given, that segment; neither keeps what it sends.
        var (query, segment, identifierColumn) = changes.Segment is not null || changes.Query is not null
            ? (changes.Query, changes.Segment, changes.IdentifierColumn)
            : (orchestration.Query, orchestration.Segment, changes.IdentifierColumn ?? orchestration.IdentifierColumn);
        var audience = destination is null ? default : await AudienceOfAsync(query, segment, identifierColumn, destination, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return Refusal.Invalid("orchestration", problems);
        }
        var changed = orchestration with
        {
            DestinationId = destination!.Id,
            Query = audience.Query,
            Segment = audience.Segment,
            IdentifierColumn = audience.IdentifierColumn,
            AllowEmpty = changes.AllowEmpty ?? orchestration.AllowEmpty,
            Description = changes.Description is null ? orchestration.Description : Descriptions.Clean(changes.Description),
            UpdatedAt = clock.GetUtcNow(),
        };
        await catalog.SaveOrchestrationAsync(changed, cancellationToken);
        return changed;
    }

    /// <summary>Removes an orchestration and its schedule; its runs stay in the history. Refused while others run after it.</summary>
    public async Task<UseCaseResult<Orchestration>> RemoveAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.OrchestrationEdit, "remove orchestration", key,
            await catalog.FindOrchestrationAsync(key, cancellationToken), await RemoveUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<Orchestration>> RemoveUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.OrchestrationEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindOrchestrationAsync(key, cancellationToken) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", key);
        }
        var work = ScheduledWork.OfOrchestration(orchestration.Name);
        var followers = (await schedules.ListAsync(cancellationToken)).Where(s => s.Trigger.After == work).Select(s => s.Work.Name).ToList();
        if (followers.Count > 0)
        {
            return Refusal.Conflict($"The orchestration '{orchestration.Name}' is still run after by {string.Join(", ", followers.Select(f => $"'{f}'"))}; " +
                "give those another schedule first.") with { Subject = "orchestration", InUseBy = followers };
        }
        await schedules.DeleteAsync(work, cancellationToken);
        await catalog.DeleteOrchestrationAsync(orchestration.Id, cancellationToken);
        return orchestration;
    }

    /// <summary>
    /// What the orchestration sends, checked against the source: its query (one column named as the destination's
    /// attribute), or a saved segment through an identifier column of the identity table that the schema holds, of a type
    /// the attribute takes, whose built query passes the same check.
    /// </summary>
    private async Task<(string Query, string? Segment, string? IdentifierColumn)> AudienceOfAsync(
        string? query, string? segmentName, string? identifierColumn, Destination destination, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        var (plugin, route, _) = await routes.OfAsync(destination, cancellationToken);
        if (segmentName is null)
        {
            if (!string.IsNullOrWhiteSpace(identifierColumn))
            {
                problems.Add(new FieldProblem("IdentifierColumn", "An identifier column goes with a saved segment: name the segment too, or leave the column out."));
            }
            problems.AddRange(await queries.CheckAsync(query, route.AttributeName, cancellationToken));
            return (query?.Trim() ?? "", null, null);
        }
        if (!string.IsNullOrWhiteSpace(query))
        {
            problems.Add(new FieldProblem("Query", "Give a query or a saved segment, not both: leave the query out to send the segment."));
        }
        if (string.IsNullOrWhiteSpace(segmentName))
        {
            problems.Add(new FieldProblem("Segment", "Choose the saved segment to send (herald segment list), or send a query of the orchestration's own."));
            return default;
        }
        if (await catalog.FindSegmentAsync(segmentName.Trim(), cancellationToken) is not { } segment)
        {
            problems.Add(new FieldProblem("Segment", $"No saved segment named '{segmentName.Trim()}'; add it first (herald segment add), or name an existing one."));
            return default;
        }
        try
        {
            var attribute = plugin.ValueRuleOf(route.AttributeName)?.Type ?? AttributeType.Text;
            var (column, problem) = await identity.IdentifierAsync(identifierColumn, attribute, route.AttributeName, cancellationToken);
            if (column is null)
            {
                problems.Add(new FieldProblem("IdentifierColumn", problem!));
                return default;
            }
            problems.AddRange(await queries.CheckAsync(segments.QueryOf(segment.Sql, column.Name, route.AttributeName), route.AttributeName, cancellationToken));
            return ("", segment.Name, column.Name);
        }
        catch (AudienceRejectedException rejected)
        {
            problems.Add(new FieldProblem("IdentifierColumn", rejected.Message));
            return default;
        }
    }

    private async Task<Destination?> DestinationOfAsync(Caller caller, string? key, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        var destination = string.IsNullOrWhiteSpace(key) ? null : await catalog.FindDestinationAsync(key, cancellationToken);
        // An admin-only destination the caller may not see is not there for them.
        destination = destination is not null && DestinationAccess.MaySee(caller, destination) ? destination : null;
        if (destination is null)
        {
            problems.Add(new FieldProblem("Destination", string.IsNullOrWhiteSpace(key)
                ? "Choose the destination the audience goes to."
                : $"No destination named '{key}'; add one first, or name an existing one."));
        }
        return destination;
    }
}
