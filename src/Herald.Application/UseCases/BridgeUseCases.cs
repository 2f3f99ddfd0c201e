// Over 250 lines on purpose: a bridge's create, update, remove, show and sync share one validation (names, tables, the
// user's SQL in the sandbox, the connection test) and one audit entry; split by verb, those checks would be repeated.
using Herald.Application.Access;
using Herald.Application.Bridges;
using Herald.Application.Runs;
using Herald.Core.Bridges;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Schedules;

namespace Herald.Application.UseCases;

/// <summary>
/// Adding, changing, removing and showing bridges, and starting their syncs: Herald's rules, the target's rules and the
/// connection test, the same for the API, the web UI and the CLI. <see cref="StartSyncAsync(Caller, Bridge, bool, CancellationToken)"/>
/// is the one entry point for every trigger (a person, a schedule, the end of an orchestration). Reading bridges asks
/// <c>catalog:read</c>, changing them <c>bridge:edit</c>, starting a sync <c>run:start</c> and reading syncs <c>run:read</c>;
/// changes and starts are audited.
/// </summary>
internal sealed class BridgeUseCases(
    IBridgeStore store, ICatalogStore catalog, IScheduleStore schedules, IInsiderTableSource source, BridgeTargets targets, BridgeSyncSignal signal, AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>The names of the credentials a bridge can publish with (plugin <c>snowflake</c>), for a form to offer.</summary>
    public async Task<IReadOnlyList<string>> SnowflakeCredentialsAsync(Caller caller, CancellationToken cancellationToken) =>
        !caller.Grant.Allows(HeraldActions.CatalogRead) ? [] : [.. (await catalog.ListCredentialsAsync(cancellationToken)).Where(c => c.Plugin == Plugins.Snowflake).Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Every bridge with its credential's name and its newest sync.</summary>
    public async Task<IReadOnlyList<BridgeListing>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var listings = new List<BridgeListing>();
        if (!caller.Grant.Allows(HeraldActions.CatalogRead))
        {
            return listings;
        }
        foreach (var bridge in await store.ListBridgesAsync(cancellationToken))
        {
            listings.Add(new BridgeListing(bridge, await CredentialNameAsync(bridge, cancellationToken),
                (await store.ListSyncsAsync(bridge.Id, 1, cancellationToken)).FirstOrDefault()));
        }
        return listings;
    }

    public async Task<UseCaseResult<BridgeDetails>> ShowAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        if (await store.FindBridgeAsync(key, cancellationToken) is not { } bridge)
        {
            return Refusal.NotFound("bridge", key);
        }
        return new BridgeDetails(bridge, await CredentialNameAsync(bridge, cancellationToken), await store.ListSyncsAsync(bridge.Id, BridgeDetails.RecentSyncs, cancellationToken));
    }

    public async Task<UseCaseResult<BridgeSaved>> CreateAsync(Caller caller, BridgeDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.BridgeEdit, "add bridge", draft.Name, null,
            await CreateUnauditedAsync(caller, draft, cancellationToken), saved => saved.Bridge);

    private async Task<UseCaseResult<BridgeSaved>> CreateUnauditedAsync(Caller caller, BridgeDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.BridgeEdit) is { } denied)
        {
            return denied;
        }
        var problems = CatalogRules.CheckCatalogName(draft.Name, "bridge").Select(m => new FieldProblem(nameof(draft.Name), m)).ToList();
        if (problems.Count == 0 && await store.FindBridgeAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A bridge named '{draft.Name}' exists already; choose another name, or update that one.") with { Subject = "bridge" };
        }
        var now = clock.GetUtcNow();
        var bridge = new Bridge(Guid.NewGuid(), draft.Name ?? "", BridgeTargetKind.Folder, null, null, null, null, [], null, null, null, now, now);
        var credentialId = await CredentialOfAsync(draft.Credential, null, problems, cancellationToken);
        return await SaveAsync(Apply(bridge, draft, problems, isNew: true) with { CredentialId = credentialId }, draft.TestConnection, problems, cancellationToken);
    }

    public async Task<UseCaseResult<BridgeSaved>> UpdateAsync(Caller caller, string key, BridgeDraft changes, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.BridgeEdit, "change bridge", key, await store.FindBridgeAsync(key, cancellationToken),
            await UpdateUnauditedAsync(caller, key, changes, cancellationToken), saved => saved.Bridge);

    private async Task<UseCaseResult<BridgeSaved>> UpdateUnauditedAsync(Caller caller, string key, BridgeDraft changes, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.BridgeEdit) is { } denied)
        {
            return denied;
        }
        if (await store.FindBridgeAsync(key, cancellationToken) is not { } bridge)
        {
            return Refusal.NotFound("bridge", key);
        }
        var problems = new List<FieldProblem>();
        var credentialId = await CredentialOfAsync(changes.Credential, bridge.CredentialId, problems, cancellationToken);
        var changed = Apply(bridge, changes with { Name = null }, problems, isNew: false) with { CredentialId = credentialId, UpdatedAt = clock.GetUtcNow() };
        return await SaveAsync(changed, changes.TestConnection, problems, cancellationToken);
    }

    /// <summary>Removes a bridge and its schedule; its syncs stay in the history. Refused while a sync of it is under way.</summary>
    public async Task<UseCaseResult<Bridge>> RemoveAsync(Caller caller, string key, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.BridgeEdit, "remove bridge", key, await store.FindBridgeAsync(key, cancellationToken),
            await RemoveUnauditedAsync(caller, key, cancellationToken), null);

    private async Task<UseCaseResult<Bridge>> RemoveUnauditedAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.BridgeEdit) is { } denied)
        {
            return denied;
        }
        if (await store.FindBridgeAsync(key, cancellationToken) is not { } bridge)
        {
            return Refusal.NotFound("bridge", key);
        }
        if ((await store.ListSyncsAsync(bridge.Id, 1, cancellationToken)) is [{ IsFinal: false }])
        {
            return Refusal.Conflict($"A sync of bridge '{bridge.Name}' is under way; remove the bridge once it has finished.") with { Subject = "bridge" };
        }
        await store.DeleteBridgeAsync(bridge.Id, cancellationToken);
        // A bridge added later under the same name must not inherit this one's schedule.
        await schedules.DeleteAsync(ScheduledWork.OfBridge(bridge.Name), cancellationToken);
        return bridge;
    }

    /// <summary>Queues a sync of the bridge named <paramref name="key"/>.</summary>
    public async Task<UseCaseResult<BridgeSync>> StartSyncAsync(Caller caller, string key, bool allowShrink, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunStart, allowShrink ? "start sync (past the shrink guard)" : "start sync", key, null,
            await StartSyncUnauditedAsync(caller, key, allowShrink, cancellationToken), sync => new { sync.Id });

    private async Task<UseCaseResult<BridgeSync>> StartSyncUnauditedAsync(Caller caller, string key, bool allowShrink, CancellationToken cancellationToken)
    {
        // Asked before the look-up, so that a caller without run:start learns nothing of which bridges exist.
        if (caller.Denied(HeraldActions.RunStart) is { } denied)
        {
            return denied;
        }
        return await store.FindBridgeAsync(key, cancellationToken) is { } bridge
            ? await StartSyncAsync(caller, bridge, allowShrink, cancellationToken)
            : Refusal.NotFound("bridge", key);
    }

    /// <summary>
    /// Queues a sync of <paramref name="bridge"/>: the entry point for a person, a schedule or the end of an orchestration
    /// (the caller names which). Syncs of one bridge run one after the other.
    /// </summary>
    /// <param name="allowShrink">Pass the shrink guard: the person knows the tables lose many rows.</param>
    /// <param name="syncId">The new sync's id when the caller chose it beforehand (a schedule claims its slot with it, so a crash in between creates that same sync, never a second); null for a new one.</param>
    public async Task<UseCaseResult<BridgeSync>> StartSyncAsync(Caller caller, Bridge bridge, bool allowShrink, CancellationToken cancellationToken, Guid? syncId = null)
    {
        if (caller.Denied(HeraldActions.RunStart) is { } denied)
        {
            return denied;
        }
        if (targets.For(bridge.Target) is null)
        {
            return Refusal.Rule($"This server has no {bridge.Target.ToString().ToLowerInvariant()} target set up; choose another bridge, or set the target up.");
        }
        var sync = new BridgeSync(syncId ?? Guid.NewGuid(), bridge, RunLauncher.StartedBy(caller), allowShrink, clock.GetUtcNow());
        await store.CreateSyncAsync(sync, cancellationToken);
        signal.Pulse();
        return sync;
    }

    public async Task<UseCaseResult<BridgeSync>> GetSyncAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        caller.Denied(HeraldActions.RunRead) is { } denied ? denied
            : await store.GetSyncAsync(id, cancellationToken) is { } sync ? sync : Refusal.NotFound("sync", id.ToString());

    /// <summary>The newest syncs of every bridge, for the run history.</summary>
    public async Task<IReadOnlyList<BridgeSync>> ListSyncsAsync(Caller caller, int limit, CancellationToken cancellationToken) =>
        caller.Grant.Allows(HeraldActions.RunRead) ? await store.ListSyncsAsync(null, limit, cancellationToken) : [];

    private Bridge Apply(Bridge bridge, BridgeDraft draft, List<FieldProblem> problems, bool isNew)
    {
        var target = bridge.Target;
        if (draft.Target is not null || isNew)
        {
            if (Enum.TryParse<BridgeTargetKind>(draft.Target?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(draft.Target, out _))
            {
                target = parsed;
            }
            else
            {
                problems.Add(new FieldProblem(nameof(draft.Target), $"Target '{draft.Target}': choose snowflake or folder."));
            }
        }
        var tables = draft.Tables ?? bridge.Tables;
        problems.AddRange(CheckTables(tables));
        return bridge with
        {
            Name = draft.Name ?? bridge.Name,
            Target = target,
            Database = Clean(draft.Database, bridge.Database),
            Schema = Clean(draft.Schema, bridge.Schema),
            Folder = Clean(draft.Folder, bridge.Folder),
            Tables = tables,
            ShareName = Clean(draft.ShareName, bridge.ShareName),
            ConsumerAccount = Clean(draft.ConsumerAccount, bridge.ConsumerAccount),
            Description = draft.Description is null ? bridge.Description : Descriptions.Clean(draft.Description),
        };
    }

    private async Task<UseCaseResult<BridgeSaved>> SaveAsync(Bridge bridge, bool testConnection, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        if (problems.Count > 0)
        {
            return Refusal.Invalid("bridge", problems);
        }
        if (targets.For(bridge.Target) is not { } target)
        {
            return Refusal.Invalid("bridge", [new FieldProblem("Target", $"This server has no {bridge.Target.ToString().ToLowerInvariant()} target set up; choose {string.Join(" or ", targets.Names)}.")]);
        }
        problems.AddRange(await CheckTablesSqlAsync(bridge.Tables, cancellationToken));
        problems.AddRange(await target.CheckAsync(bridge, cancellationToken));
        if (problems.Count > 0)
        {
            return Refusal.Invalid("bridge", problems);
        }
        var connection = testConnection ? await target.TestAsync(bridge, cancellationToken) : null;
        if (connection is { Succeeded: false })
        {
            return new Refusal(RefusalKind.Unavailable, $"The bridge was not saved: the connection test failed. {connection.Message}", [new FieldProblem(null, connection.Message)])
            {
                Subject = "bridge",
                Connection = connection,
            };
        }
        await store.SaveBridgeAsync(bridge, cancellationToken);
        return new BridgeSaved(bridge, await CredentialNameAsync(bridge, cancellationToken), connection);
    }

    /// <summary>The name of the bridge's credential; null for a folder bridge, "(deleted)" for one removed since.</summary>
    private async Task<string?> CredentialNameAsync(Bridge bridge, CancellationToken cancellationToken) =>
        bridge.CredentialId is { } id ? (await catalog.GetCredentialAsync(id, cancellationToken))?.Name ?? "(deleted)" : null;

    /// <summary>The credential named by <paramref name="given"/> (null keeps <paramref name="stored"/>, blank removes it); it must be a <c>snowflake</c> one.</summary>
    private async Task<Guid?> CredentialOfAsync(string? given, Guid? stored, List<FieldProblem> problems, CancellationToken cancellationToken)
    {
        if (given is null)
        {
            return stored;
        }
        if (string.IsNullOrWhiteSpace(given))
        {
            return null;
        }
        if (await catalog.FindCredentialAsync(given.Trim(), cancellationToken) is not { } credential)
        {
            problems.Add(new FieldProblem("Credential", $"No credential named '{Shorten(given)}'; add a credential of plugin 'snowflake' first."));
            return null;
        }
        if (credential.Plugin != Plugins.Snowflake)
        {
            problems.Add(new FieldProblem("Credential", $"The credential '{credential.Name}' is for {credential.Plugin}; a bridge needs a credential of plugin 'snowflake'."));
            return null;
        }
        return credential.Id;
    }

    private static IEnumerable<FieldProblem> CheckTables(IReadOnlyList<BridgeTable> tables)
    {
        if (tables.Count == 0)
        {
            yield return new FieldProblem("Tables", $"Select at least one table: {string.Join(" or ", BridgeTable.Known)}.");
        }
        foreach (var table in tables)
        {
            if (!BridgeTable.Known.Contains(table.Name))
            {
                yield return new FieldProblem("Tables", $"Table '{Shorten(table.Name)}': choose {string.Join(" or ", BridgeTable.Known)}.");
            }
            else if (table.Sql is { } sql && (string.IsNullOrWhiteSpace(sql) || sql.Length > BridgeTable.MaxSqlLength))
            {
                yield return new FieldProblem("Tables", $"The SQL of {table.Name} must be one SELECT of at most {BridgeTable.MaxSqlLength:N0} characters; leave it out to use the shipped template.");
            }
        }
        foreach (var repeated in tables.GroupBy(t => t.Name).Where(g => g.Count() > 1))
        {
            yield return new FieldProblem("Tables", $"Table '{Shorten(repeated.Key)}' is selected {repeated.Count()} times; select each table once.");
        }
    }

    /// <summary>A table with the user's own SQL is checked on saving, so a rule it breaks is named before any sync.</summary>
    private async Task<List<FieldProblem>> CheckTablesSqlAsync(IReadOnlyList<BridgeTable> tables, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        foreach (var table in tables.Where(t => t.Sql is not null))
        {
            try
            {
                problems.AddRange((await source.CheckAsync(table, cancellationToken)).Problems.Select(p => new FieldProblem("Tables", p)));
            }
            catch (BridgeTargetException refused)
            {
                problems.Add(new FieldProblem("Tables", refused.Message));
            }
        }
        return problems;
    }

    /// <summary>Null keeps the stored value; blank removes it; anything else is trimmed.</summary>
    private static string? Clean(string? given, string? stored) => given is null ? stored : string.IsNullOrWhiteSpace(given) ? null : given.Trim();

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "...";
}
