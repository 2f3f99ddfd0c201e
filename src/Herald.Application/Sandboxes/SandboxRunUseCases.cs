using Herald.Application.Access;
using Herald.Application.Configuration;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Core.Sandboxes;
using Microsoft.Extensions.Options;

namespace Herald.Application.Sandboxes;

/// <summary>
/// Runs in a sandbox and what governs them: an orchestration of the sandbox runs with its destination built from the
/// sandbox's configuration, under the sandbox's segment prefix (so it never overwrites a production segment), sending
/// a test audience of at most <see cref="SandboxOptions.MaxTestValues"/> values unless an administrator allowed the
/// sandbox full sends, with the secret entered for the sandbox, or production's when an administrator copied it.
/// </summary>
internal sealed class SandboxRunUseCases(
    SandboxUseCases sandboxUseCases, ISandboxStore sandboxes, ICatalogStore catalog, DestinationPlugins plugins, RunLauncher launcher,
    Segments.SegmentAudiences segments, AuditTrail audit, IOptions<SandboxOptions> options, TimeProvider clock)
{
    /// <summary>Starts a run of the sandbox's orchestration (run:start, and reaching the sandbox).</summary>
    public async Task<UseCaseResult<Run>> RunAsync(Caller caller, string sandboxName, string orchestrationName, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.RunStart, "start run in sandbox", $"{sandboxName}/{orchestrationName}", null,
            await RunUnauditedAsync(caller, sandboxName, orchestrationName, cancellationToken),
            run => new { run.Id, run.Origin.Sandbox, run.Origin.SegmentName, run.Origin.OrchestrationName });

    private async Task<UseCaseResult<Run>> RunUnauditedAsync(Caller caller, string sandboxName, string orchestrationName, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.RunStart) is { } denied)
        {
            return denied;
        }
        var (sandbox, refusal) = await sandboxUseCases.ReachAsync(caller, sandboxName, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        var document = SandboxUseCases.Read(sandbox.Document);
        if (document.Orchestrations.FirstOrDefault(o => o.Name == orchestrationName) is not { } orchestration)
        {
            return Refusal.NotFound("orchestration", orchestrationName);
        }
        var entry = document.Destinations.First(d => d.Name == orchestration.Destination);
        var credential = document.Credentials.First(c => c.Name == entry.Credential);
        // Runs record a destination's and a credential's ids: production's when production has them by name (the run is
        // listed with their runs), ids of the sandbox's own otherwise (SandboxIds), so one the sandbox added runs too.
        var productionDestination = await catalog.FindDestinationAsync(entry.Name, cancellationToken);
        var productionCredential = await catalog.FindCredentialAsync(credential.Name, cancellationToken);
        var now = clock.GetUtcNow();
        var destination = new Destination(productionDestination?.Id ?? SandboxIds.Of(sandbox.Id, DestinationEntry.KindName, entry.Name), entry.Name,
            productionCredential?.Id ?? SandboxIds.Of(sandbox.Id, CredentialEntry.KindName, credential.Name), entry.Settings, entry.Description,
            productionDestination?.CreatedAt ?? now, now, entry.AdminOnly, entry.PiiAllowed);
        if (DestinationAccess.SendDenied(caller, destination) is { } sendDenied)
        {
            return sendDenied;
        }
        if (!sandbox.HasOwnSecret(credential.Name) && !(sandbox.HasCopiedSecret(credential.Name) && productionCredential is not null))
        {
            var copy = productionCredential is null
                ? ""
                : $", or ask an administrator to copy production's (herald sandbox copy-secret {sandbox.Name} {credential.Name})";
            return Refusal.Rule($"The credential '{credential.Name}' has no secret in the sandbox '{sandbox.Name}': a sandbox never copies secrets by itself. " +
                $"Enter one for the sandbox (herald sandbox secret {sandbox.Name} {credential.Name}){copy}, then run again.");
        }
        var plugin = plugins.For(credential.Plugin);
        var route = plugin.RouteOf(entry.Settings);
        route = route with { SegmentName = sandbox.SegmentPrefix + route.SegmentName };
        if (plugin.CheckRoute(route) is [var problem, ..])
        {
            return Refusal.Rule($"With the sandbox's segment prefix '{sandbox.SegmentPrefix}': {problem.Message} Change the prefix.");
        }
        if (await ProductionSegmentNamedAsync(route.SegmentName, cancellationToken) is { } taken)
        {
            return Refusal.Rule($"The segment '{route.SegmentName}' is production's (destination '{taken}'); a sandbox's run never overwrites it. Change the sandbox's segment prefix.");
        }
        // A test audience is counted after the value rules (RunOrigin.SampleSize), so it holds exactly that many usable values when the query has them.
        // A saved segment is the sandbox's own (its document's), built into the query as a production run builds it.
        var query = orchestration.Segment is null ? orchestration.Query
            : document.Segments.FirstOrDefault(g => g.Name == orchestration.Segment) is { } segment
                ? segments.QueryOf(segment.Sql, orchestration.IdentifierColumn ?? "", route.AttributeName)
                : null;
        if (query is null)
        {
            return Refusal.Rule($"The orchestration '{orchestration.Name}' sends the saved segment '{orchestration.Segment}', which the sandbox '{sandbox.Name}' does not hold; add it back, or give the orchestration a query.");
        }
        var origin = new RunOrigin(destination.Id, destination.Name, destination.CredentialId, null, orchestration.Name, query, route.SegmentName,
            route.AttributeName, orchestration.AllowEmpty, RunLauncher.StartedBy(caller), route.UpdateMode, route.AllowSplit, route.ShrinkGuardShare,
            Force: false, plugin.Id, credential.Name, sandbox.AllowFullSends ? null : options.Value.MaxTestValues, sandbox.Name);
        return await launcher.StartPreparedAsync(origin, cancellationToken);
    }

    /// <summary>
    /// Changes the sandbox's segment prefix (whoever reaches the sandbox) and whether its runs send whole audiences
    /// (sandbox:admin only); null leaves a setting as it is.
    /// </summary>
    public async Task<UseCaseResult<Sandbox>> ChangeAsync(Caller caller, string sandboxName, string? segmentPrefix, bool? allowFullSends, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, allowFullSends is null ? HeraldActions.CatalogRead : HeraldActions.SandboxAdmin, "change sandbox", sandboxName, null,
            await ChangeUnauditedAsync(caller, sandboxName, segmentPrefix, allowFullSends, cancellationToken),
            s => new { s.Name, s.SegmentPrefix, s.AllowFullSends });

    private async Task<UseCaseResult<Sandbox>> ChangeUnauditedAsync(Caller caller, string sandboxName, string? segmentPrefix, bool? allowFullSends, CancellationToken cancellationToken)
    {
        if (allowFullSends is not null && caller.Denied(HeraldActions.SandboxAdmin) is { } denied)
        {
            return denied;
        }
        var (sandbox, refusal) = await sandboxUseCases.ReachAsync(caller, sandboxName, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        if (segmentPrefix is not null && SandboxUseCases.CheckSegmentPrefix(segmentPrefix) is { } badPrefix)
        {
            return Refusal.Invalid("sandbox", [new FieldProblem("SegmentPrefix", badPrefix)]);
        }
        if (segmentPrefix is not null && await ProductionSegmentNamedAsync(segmentPrefix, cancellationToken) is { } taken)
        {
            return Refusal.Invalid("sandbox", [new FieldProblem("SegmentPrefix",
                $"The segment prefix '{segmentPrefix}' is the name of production's segment (destination '{taken}'); choose a prefix such as 'sandbox-'.")]);
        }
        var changed = sandbox with
        {
            SegmentPrefix = segmentPrefix ?? sandbox.SegmentPrefix,
            AllowFullSends = allowFullSends ?? sandbox.AllowFullSends,
            UpdatedAt = clock.GetUtcNow(),
        };
        await sandboxes.SaveAsync(changed, cancellationToken);
        return changed;
    }

    /// <summary>
    /// Lets the sandbox's runs of the named credential use production's secrets of the credential of the same name
    /// (sandbox:admin): the explicit copy a sandbox otherwise never makes. The secrets stay encrypted once, in production.
    /// </summary>
    public async Task<UseCaseResult<Sandbox>> CopySecretAsync(Caller caller, string sandboxName, string credentialName, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.SandboxAdmin, "copy secret into sandbox", $"{sandboxName}/{credentialName}", null,
            await CopySecretUnauditedAsync(caller, sandboxName, credentialName, cancellationToken), s => new { s.Name, Credential = credentialName });

    private async Task<UseCaseResult<Sandbox>> CopySecretUnauditedAsync(Caller caller, string sandboxName, string credentialName, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.SandboxAdmin) is { } denied)
        {
            return denied;
        }
        var (sandbox, refusal) = await sandboxUseCases.ReachAsync(caller, sandboxName, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        if (!SandboxUseCases.Read(sandbox.Document).Credentials.Any(c => c.Name == credentialName))
        {
            return Refusal.NotFound("credential", credentialName);
        }
        if (!(await catalog.ListCredentialsAsync(cancellationToken)).Any(c => c.Name == credentialName))
        {
            return Refusal.Rule($"Production has no credential named '{credentialName}', so there is no secret to copy; enter the secret once the credential is promoted.");
        }
        if (sandbox.HasCopiedSecret(credentialName))
        {
            return sandbox;
        }
        var changed = sandbox with { CopiedSecrets = [.. sandbox.CopiedSecrets ?? [], credentialName], UpdatedAt = clock.GetUtcNow() };
        await sandboxes.SaveAsync(changed, cancellationToken);
        return changed;
    }

    /// <summary>The name of production's destination whose segment has that name, or null.</summary>
    private async Task<string?> ProductionSegmentNamedAsync(string segmentName, CancellationToken cancellationToken)
    {
        var production = await CatalogState.ReadAsync(catalog, cancellationToken);
        foreach (var destination in production.Document.Destinations)
        {
            var plugin = plugins.For(production.Document.Credentials.FirstOrDefault(c => c.Name == destination.Credential)?.Plugin ?? Plugins.InsiderOne);
            if (string.Equals(plugin.RouteOf(destination.Settings).SegmentName, segmentName, StringComparison.OrdinalIgnoreCase))
            {
                return destination.Name;
            }
        }
        return null;
    }
}
