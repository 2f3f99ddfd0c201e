using Herald.Application.Access;
using Herald.Application.Pii;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Audiences;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.Segments;

/// <summary>
/// Saved segments: read like the rest of the catalog (catalog:read), changed with segment:edit, previewed with
/// query:preview. The SQL is checked against the source when saved (read-only, in the query sandbox, exactly one column
/// named amperity_id), so a wrong segment is refused at once; every change is audited.
/// </summary>
internal sealed class SegmentUseCases(
    ICatalogStore catalog, IAudienceSource source, IdentityTable identity, SegmentSqlCheck sqlCheck, PiiCatalog pii, PreviewGate previews,
    DestinationRoutes routes, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The most sample rows a preview shows, whatever is asked.</summary>
    public const int MaxPreviewRows = 100;

    public async Task<UseCaseResult<IReadOnlyList<SegmentListing>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        var users = await UsersAsync(caller, cancellationToken);
        return UseCaseResult<IReadOnlyList<SegmentListing>>.Of(
            [.. (await catalog.ListSegmentsAsync(cancellationToken)).Select(s => new SegmentListing(s, users.GetValueOrDefault(s.Name) ?? []))]);
    }

    public async Task<UseCaseResult<SegmentListing>> FindAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindSegmentAsync(key, cancellationToken) is not { } segment)
        {
            return Refusal.NotFound("segment", key);
        }
        return new SegmentListing(segment, (await UsersAsync(caller, cancellationToken)).GetValueOrDefault(segment.Name) ?? []);
    }

    public async Task<UseCaseResult<SavedSegment>> CreateAsync(Caller caller, SegmentDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.SegmentEdit, "add segment", draft.Name, null, await CreateUnauditedAsync(caller, draft, cancellationToken), s => s);

    private async Task<UseCaseResult<SavedSegment>> CreateUnauditedAsync(Caller caller, SegmentDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.SegmentEdit) is { } denied)
        {
            return denied;
        }
        var problems = CatalogRules.CheckCatalogName(draft.Name, "segment").Select(m => new FieldProblem(nameof(draft.Name), m)).ToList();
        problems.AddRange(await sqlCheck.CheckAsync(draft.Sql, cancellationToken));
        if (problems.Count > 0)
        {
            return Refusal.Invalid("segment", problems);
        }
        if (await catalog.FindSegmentAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A segment named '{draft.Name}' exists already; choose another name, or update that one.") with { Subject = "segment" };
        }
        var now = clock.GetUtcNow();
        var segment = new SavedSegment(Guid.NewGuid(), draft.Name!, draft.Sql!.Trim(), Descriptions.Clean(draft.Description), now, now);
        await catalog.SaveSegmentAsync(segment, cancellationToken);
        return segment;
    }

    /// <summary>Changes a segment's SQL or description; every orchestration sending it sends the new SQL from its next run.</summary>
    public async Task<UseCaseResult<SavedSegment>> UpdateAsync(Caller caller, string key, SegmentChanges changes, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.SegmentEdit, "change segment", key, await catalog.FindSegmentAsync(key, cancellationToken),
            await UpdateUnauditedAsync(caller, key, changes, cancellationToken), s => s);

    private async Task<UseCaseResult<SavedSegment>> UpdateUnauditedAsync(Caller caller, string key, SegmentChanges changes, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.SegmentEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindSegmentAsync(key, cancellationToken) is not { } segment)
        {
            return Refusal.NotFound("segment", key);
        }
        var sql = changes.Sql ?? segment.Sql;
        if (await sqlCheck.CheckAsync(sql, cancellationToken) is { Count: > 0 } problems)
        {
            return Refusal.Invalid("segment", problems);
        }
        var changed = segment with
        {
            Sql = sql.Trim(),
            Description = changes.Description is null ? segment.Description : Descriptions.Clean(changes.Description),
            UpdatedAt = clock.GetUtcNow(),
        };
        await catalog.SaveSegmentAsync(changed, cancellationToken);
        return changed;
    }

    /// <summary>Removes a segment; refused while an orchestration sends it, naming the orchestrations.</summary>
    public async Task<UseCaseResult<SavedSegment>> RemoveAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.SegmentEdit, "remove segment", key, await catalog.FindSegmentAsync(key, cancellationToken),
            await RemoveUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<SavedSegment>> RemoveUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.SegmentEdit) is { } denied)
        {
            return denied;
        }
        if (await catalog.FindSegmentAsync(key, cancellationToken) is not { } segment)
        {
            return Refusal.NotFound("segment", key);
        }
        var all = (await catalog.ListOrchestrationsAsync(cancellationToken)).Where(o => o.Segment == segment.Name).ToList();
        if (all.Count > 0)
        {
            var visible = (await UsersAsync(caller, cancellationToken)).GetValueOrDefault(segment.Name) ?? [];
            var hidden = all.Count - visible.Count;
            var names = string.Join(", ", visible.Select(n => $"'{n}'")) + (hidden == 0 ? "" : $"{(visible.Count > 0 ? " and " : "")}{hidden} orchestration(s) you may not see");
            return Refusal.Conflict($"The segment '{segment.Name}' is sent by the orchestration(s) {names}; point them at another segment or a query of their own first, " +
                "then remove it.") with { Subject = "segment", InUseBy = visible };
        }
        await catalog.DeleteSegmentAsync(segment.Id, cancellationToken);
        return segment;
    }

    /// <summary>
    /// What a segment holds (a saved one by <paramref name="key"/>, or unsaved <paramref name="sql"/>): its size, and for
    /// each candidate identifier column of the identity table how many members have a usable value, by the named
    /// destination's value rule when one is given (otherwise any non-empty value), and its first members with those
    /// values. Nothing is saved or sent. A caller whose policy restricts personal data sees the PII columns' values hidden.
    /// </summary>
    public async Task<UseCaseResult<SegmentPreview>> PreviewAsync(
        Caller caller, string? key, string? sql, string? destinationKey, int maxRows, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.QueryPreview) is { } denied)
        {
            return denied;
        }
        if (!string.IsNullOrWhiteSpace(key))
        {
            if (await catalog.FindSegmentAsync(key, cancellationToken) is not { } saved)
            {
                return Refusal.NotFound("segment", key);
            }
            sql = saved.Sql;
        }
        if (string.IsNullOrWhiteSpace(sql))
        {
            return Refusal.Rule($"The segment's SQL is empty: write a SELECT that returns {SavedSegment.KeyColumn}.");
        }
        ValueRule? rule = null;
        AttributeType? attribute = null;
        if (!string.IsNullOrWhiteSpace(destinationKey))
        {
            if (await catalog.FindDestinationAsync(destinationKey, cancellationToken) is not { } destination || !DestinationAccess.MaySee(caller, destination))
            {
                return Refusal.NotFound("destination", destinationKey);
            }
            var (plugin, route, _) = await routes.OfAsync(destination, cancellationToken);
            rule = plugin.ValueRuleOf(route.AttributeName);
            attribute = rule?.Type ?? AttributeType.Text;
        }
        // One lease for the whole preview: it runs the segment once per counted column, each in a DuckDB session of its own.
        using var lease = previews.TryEnter();
        if (!lease.IsAcquired)
        {
            return new Refusal(RefusalKind.Busy, previews.Refusal, []);
        }
        try
        {
            return await PreviewLeasedAsync(caller, sql, rule, attribute, Math.Clamp(maxRows, 0, MaxPreviewRows), cancellationToken);
        }
        catch (AudienceRejectedException rejected)
        {
            return Refusal.Rule(caller.Grant.RestrictsPii ? PiiRedaction.QuotedValuesHidden(rejected.Message) : rejected.Message);
        }
    }

    private async Task<UseCaseResult<SegmentPreview>> PreviewLeasedAsync(
        Caller caller, string sql, ValueRule? rule, AttributeType? attribute, int maxRows, CancellationToken cancellationToken)
    {
        if (SegmentSqlCheck.Problem((await source.PreviewAsync(sql, 0, cancellationToken)).Columns) is { } wrongColumns)
        {
            return Refusal.Rule(wrongColumns);
        }
        var size = await source.CountAsync(new AudienceQuery(sql, SavedSegment.KeyColumn), cancellationToken);
        var (columns, tableProblem) = await identity.ColumnsAsync(cancellationToken);
        if (tableProblem is not null)
        {
            return Refusal.Rule(tableProblem);
        }
        var (candidates, shortened) = identity.Candidates(columns, attribute);
        var marks = await pii.ColumnsAsync(cancellationToken);
        var table = identity.Name[(identity.Name.IndexOf('.') + 1)..];
        bool IsPii(string column) => marks.Any(m => m.Is(table, column));
        var counts = new List<IdentifierCount>();
        foreach (var column in candidates)
        {
            // The run's own rules count the values (IAudienceSource.CountAsync), never a copy of them.
            var query = SegmentAudienceSql.Build(sql, identity.Name, column.Name, column.Name);
            var counted = await source.CountAsync(new AudienceQuery(query, column.Name, rule), cancellationToken);
            counts.Add(new IdentifierCount(column.Name, column.Type, IsPii(column.Name), counted.RowsQueried, counted.ValuesSent, counted.EmptyValues, counted.SetAsideTotal));
        }
        var sample = await source.PreviewAsync(SegmentAudienceSql.Sample(sql, identity.Name, [.. candidates.Select(c => c.Name)]), maxRows, cancellationToken);
        var rows = sample.Rows;
        string? redacted = null;
        var hidden = Enumerable.Range(0, sample.Columns.Count).Where(i => IsPii(sample.Columns[i])).ToHashSet();
        if (caller.Grant.RestrictsPii && hidden.Count > 0)
        {
            rows = [.. rows.Select(row => (IReadOnlyList<string?>)[.. row.Select((cell, i) => hidden.Contains(i) ? PiiRedaction.Hidden : cell)])];
            redacted = PiiRedaction.Sentence(hidden.Order().Select(i => $"{table}.{sample.Columns[i]}"));
        }
        return new SegmentPreview(size.ValuesSent, size.RowsQueried, counts, shortened, rule is not null, sample.Columns, rows, redacted, Summary(size, counts));
    }

    private static string Summary(AudienceCounts size, IReadOnlyList<IdentifierCount> counts) =>
        $"The segment has {size.ValuesSent:N0} member(s)" + (counts.Count == 0 ? "; no identifier column to count." :
            ": " + string.Join("; ", counts.Select(c => $"{c.Column}: {c.UsableValues:N0} usable value(s), {c.EmptyValues:N0} empty, {c.SetAside:N0} set aside")) + ".");

    /// <summary>The orchestrations sending each segment, those the caller may see (an admin-only destination's are hidden from who may not see it).</summary>
    private async Task<Dictionary<string, List<string>>> UsersAsync(Caller caller, CancellationToken cancellationToken)
    {
        var destinations = (await catalog.ListDestinationsAsync(cancellationToken)).ToDictionary(d => d.Id);
        return (await catalog.ListOrchestrationsAsync(cancellationToken))
            .Where(o => o.Segment is not null && (destinations.GetValueOrDefault(o.DestinationId) is not { } d || DestinationAccess.MaySee(caller, d)))
            .GroupBy(o => o.Segment!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Name).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
