// Over 250 lines on purpose: every use case of a sandbox (create, list, read and change its configuration, review,
// pull, promote, delete) shares one rule on who reaches a sandbox and one way to read its documents.
using Herald.Application.Access;
using Herald.Application.Configuration;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Sandboxes;
using System.Text.RegularExpressions;

namespace Herald.Application.Sandboxes;

/// <summary>
/// Sandboxes: named copies of production's configuration (never data, never secrets) to change and check before
/// promoting them. Anyone who reads the catalog can create one and work in their own; seeing every sandbox, promoting
/// and deleting take sandbox:admin (the Allow sandbox administration option). Promotion is one transaction: production
/// is made to hold the sandbox's configuration, with one audit entry holding the message and the whole difference.
/// </summary>
internal sealed partial class SandboxUseCases(ISandboxStore sandboxes, ICatalogStore catalog, ConfigurationChecks checks, AuditTrail audit, TimeProvider clock)
{
    public const int MaxMessageLength = 2000;
    public const int MaxSegmentPrefixLength = 24;

    public async Task<UseCaseResult<Sandbox>> CreateAsync(Caller caller, string? name, string? segmentPrefix, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.CatalogRead, "create sandbox", name, null,
            await CreateUnauditedAsync(caller, name, segmentPrefix, cancellationToken), s => Summary(s));

    private async Task<UseCaseResult<Sandbox>> CreateUnauditedAsync(Caller caller, string? name, string? segmentPrefix, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        var prefix = segmentPrefix ?? $"sandbox-{name}-";
        var problems = CatalogRules.CheckCatalogName(name, "sandbox").Select(m => new FieldProblem("Name", m)).ToList();
        if (CheckSegmentPrefix(prefix) is { } badPrefix)
        {
            problems.Add(new FieldProblem("SegmentPrefix", badPrefix + " Shorten the sandbox's name, or give a prefix."));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid("sandbox", problems);
        }
        if (await sandboxes.FindAsync(name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A sandbox named '{name}' exists already; choose another name.") with { Subject = "sandbox" };
        }
        var state = await CatalogState.ReadAsync(catalog, cancellationToken);
        if (state.HiddenFrom(caller) is { } hidden)
        {
            return hidden;
        }
        var production = ConfigurationYaml.Write(state.Document);
        var now = clock.GetUtcNow();
        var sandbox = new Sandbox(Guid.NewGuid(), name!, caller.Name, production, production, prefix, AllowFullSends: false, now, now);
        try
        {
            await sandboxes.SaveAsync(sandbox, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return Refusal.Conflict($"A sandbox named '{name}' exists already; choose another name.") with { Subject = "sandbox" };
        }
        return sandbox;
    }

    /// <summary>The caller's own sandboxes; every sandbox for a sandbox administrator.</summary>
    public async Task<UseCaseResult<IReadOnlyList<Sandbox>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        return UseCaseResult<IReadOnlyList<Sandbox>>.Of([.. (await sandboxes.ListAsync(cancellationToken)).Where(s => Reaches(caller, s))]);
    }

    public async Task<UseCaseResult<ConfigurationExport>> ExportAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        var (sandbox, refusal) = await ReachAsync(caller, name, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        var document = Read(sandbox.Document);
        return new ConfigurationExport(document, ConfigurationYaml.Write(document));
    }

    /// <summary>Makes the sandbox hold exactly <paramref name="yaml"/>, checked as a file applied to production is; production is not touched.</summary>
    public async Task<UseCaseResult<ConfigurationApplied>> ApplyAsync(Caller caller, string name, string yaml, bool dryRun, CancellationToken cancellationToken)
    {
        var (sandbox, refusal) = await ReachAsync(caller, name, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        var (result, actions, desired) = await ConfigurationUseCases.CheckFileAsync(caller, yaml, Read(sandbox.Document), checks, cancellationToken);
        if (dryRun || (result.Succeeded && result.Value.Difference.IsEmpty))
        {
            return result;
        }
        if (result.Succeeded)
        {
            await sandboxes.SaveAsync(sandbox with { Document = ConfigurationYaml.Write(desired!), UpdatedAt = clock.GetUtcNow() }, cancellationToken);
            await ForgetSecretsOfRemovedCredentialsAsync(sandbox, desired!, cancellationToken);
            result = result.Value with { Applied = true };
        }
        return await audit.RecordAsync(caller, actions, "apply configuration to sandbox", sandbox.Name, null, result, applied => applied.Difference);
    }

    public async Task<UseCaseResult<SandboxReview>> ReviewAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        var (sandbox, refusal) = await ReachAsync(caller, name, cancellationToken);
        return sandbox is null ? refusal! : await ReviewOfAsync(sandbox, await CatalogState.ReadAsync(catalog, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Brings production's changes made since the sandbox's base into it, field by field; a conflict not decided by
    /// <paramref name="resolutions"/> (<c>kind/name/field</c> to a side) refuses the pull, listing every conflict, and changes nothing.
    /// </summary>
    public async Task<UseCaseResult<SandboxReview>> PullAsync(Caller caller, string name, IReadOnlyDictionary<string, ConflictSide> resolutions, CancellationToken cancellationToken)
    {
        var (sandbox, refusal) = await ReachAsync(caller, name, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        var production = await CatalogState.ReadAsync(catalog, cancellationToken);
        var merge = CatalogMerge.Merge(Read(sandbox.Base), production.Document, Read(sandbox.Document), resolutions);
        if (merge.UnusedResolutions.Count > 0)
        {
            var conflictKeys = merge.Conflicts.Count == 0 ? "there is none left to resolve" : $"the fields in conflict are {string.Join(", ", merge.Conflicts.Select(c => c.Key))}";
            return await audit.RecordAsync<SandboxReview>(caller, HeraldActions.CatalogRead, "pull into sandbox", sandbox.Name, null,
                Refusal.Rule($"The pull was not made: {string.Join(", ", merge.UnusedResolutions.Select(k => $"'{k}'"))} names no field in conflict; {conflictKeys}."), null);
        }
        if (merge.Merged is not { } merged)
        {
            UseCaseResult<SandboxReview> conflicted = new Refusal(RefusalKind.Conflict,
                $"The pull was not made: {merge.Conflicts.Count} field(s) changed both in production and in the sandbox; choose a side for each.",
                [.. merge.Conflicts.Select(c => new FieldProblem(c.Key, $"{c.Key}: production has {c.Production ?? "(removed)"}, the sandbox {c.Sandbox ?? "(removed)"}"))])
            { Subject = "sandbox" };
            return await audit.RecordAsync(caller, HeraldActions.CatalogRead, "pull into sandbox", sandbox.Name, null, conflicted, null);
        }
        var pulled = sandbox with
        {
            Document = ConfigurationYaml.Write(merged),
            Base = ConfigurationYaml.Write(production.Document),
            UpdatedAt = clock.GetUtcNow(),
        };
        await sandboxes.SaveAsync(pulled, cancellationToken);
        await ForgetSecretsOfRemovedCredentialsAsync(sandbox, merged, cancellationToken);
        return await audit.RecordAsync<SandboxReview>(caller, HeraldActions.CatalogRead, "pull into sandbox", sandbox.Name, null,
            await ReviewOfAsync(pulled, production, cancellationToken), review => review.ToPromote);
    }

    /// <summary>
    /// Makes production hold exactly the sandbox's configuration, in one transaction with its audit entry; refused while
    /// production changed since the sandbox's base (pull first) or while the sandbox's configuration has errors.
    /// </summary>
    public async Task<UseCaseResult<ConfigurationApplied>> PromoteAsync(Caller caller, string name, string? message, bool deleteAfter, CancellationToken cancellationToken)
    {
        var (result, entry) = await PromoteUnauditedAsync(caller, name, message, deleteAfter, cancellationToken);
        return entry is not null ? result : await audit.RecordAsync(caller, HeraldActions.SandboxAdmin, "promote sandbox", name, null, result, null);
    }

    private async Task<(UseCaseResult<ConfigurationApplied> Result, Core.Access.AuditEntry? Entry)> PromoteUnauditedAsync(
        Caller caller, string name, string? message, bool deleteAfter, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.SandboxAdmin) is { } denied)
        {
            return (denied, null);
        }
        if (string.IsNullOrWhiteSpace(message) || message.Length > MaxMessageLength)
        {
            return (Refusal.Invalid("promotion", [new FieldProblem("Message", $"Say what the promotion changes and why, in 1 to {MaxMessageLength:N0} characters.")]), null);
        }
        var (sandbox, refusal) = await ReachAsync(caller, name, cancellationToken);
        if (sandbox is null)
        {
            return (refusal!, null);
        }
        var production = await CatalogState.ReadAsync(catalog, cancellationToken);
        var since = CatalogDifference.Between(Read(sandbox.Base), production.Document);
        if (!since.IsEmpty)
        {
            return (Refusal.Conflict($"Production changed since the sandbox '{sandbox.Name}' was copied or last pulled ({since.Summary}); pull those changes first, " +
                "then promote.") with { Subject = "sandbox" }, null);
        }
        var desired = Read(sandbox.Document);
        var (checkedResult, _) = await checks.CheckAsync(caller, desired, production.Document, cancellationToken);
        if (!checkedResult.Succeeded)
        {
            return (checkedResult, null);
        }
        var now = clock.GetUtcNow();
        var write = production.WriteOf(desired, now) with
        {
            RemovedSandbox = deleteAfter ? sandbox.Id : null,
            SavedSandbox = deleteAfter ? null : sandbox with { Base = sandbox.Document, UpdatedAt = now },
        };
        // A credential the sandbox added arrives with the secret entered in the sandbox (it has no other); one production
        // has already keeps production's secret: promoting configuration never silently replaces a working token.
        var added = write.SavedCredentials.Where(c => !production.Credentials.ContainsKey(c.Name) && sandbox.HasOwnSecret(c.Name))
            .ToDictionary(c => c.Name, c => c.Id, StringComparer.Ordinal);
        write = added.Count == 0 ? write : write with { PromotedSecrets = new PromotedSecrets(sandbox.Id, added) };
        var entry = audit.EntryOf(caller, HeraldActions.SandboxAdmin, deleteAfter ? "promote and delete sandbox" : "promote sandbox", sandbox.Name, AuditTrail.Done,
            // The secrets' names (never their values) follow the message, so the entry says which credentials arrived with one.
            added.Count == 0 ? message.Trim() : $"{message.Trim()} [with the secrets entered in the sandbox of: {string.Join(", ", added.Keys.Order(StringComparer.Ordinal))}]",
            null, checkedResult.Value.Difference);
        try
        {
            await catalog.ApplyAsync(write, entry, cancellationToken);
        }
        catch (CatalogChangedException)
        {
            return (ConfigurationUseCases.ChangedWhileWriting($"Production changed while the sandbox '{sandbox.Name}' was being promoted (someone saved a credential, " +
                $"destination, orchestration, saved segment or schedule meanwhile); nothing was promoted. Pull those changes (herald sandbox pull {sandbox.Name}), review, and promote again."), null);
        }
        return (checkedResult.Value with { Applied = !checkedResult.Value.Difference.IsEmpty }, entry);
    }

    public async Task<UseCaseResult<Sandbox>> DeleteAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.SandboxAdmin, "delete sandbox", name, null, await DeleteUnauditedAsync(caller, name, cancellationToken), null);

    private async Task<UseCaseResult<Sandbox>> DeleteUnauditedAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.SandboxAdmin) is { } denied)
        {
            return denied;
        }
        var (sandbox, refusal) = await ReachAsync(caller, name, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        await sandboxes.DeleteAsync(sandbox.Id, cancellationToken);
        return sandbox;
    }

    // A credential removed from the sandbox takes its secret with it: one added again later under that name starts without.
    private Task ForgetSecretsOfRemovedCredentialsAsync(Sandbox sandbox, CatalogDocument now, CancellationToken cancellationToken) =>
        sandboxes.RemoveSecretsExceptAsync(sandbox.Id, [.. now.Credentials.Select(c => c.Name)], cancellationToken);

    private async Task<SandboxReview> ReviewOfAsync(Sandbox sandbox, CatalogState production, CancellationToken cancellationToken)
    {
        var document = Read(sandbox.Document);
        var @base = Read(sandbox.Base);
        var merge = CatalogMerge.Merge(@base, production.Document, document, new Dictionary<string, ConflictSide>());
        // Checked as Herald itself would check it: what blocks promotion is the configuration, not who looks at it.
        var (check, _) = await checks.CheckAsync(Caller.Herald("sandbox-review"), document, production.Document, cancellationToken);
        // The scheduler reads production's schedules only: a sandbox's are configuration until promoted.
        IReadOnlyList<string> warnings = [.. check.Succeeded ? check.Value.Warnings : [],
            .. document.Schedules is { Count: > 0 } schedules
                ? [$"The sandbox holds {schedules.Count} schedule(s): a sandbox's schedules never fire; they start runs once promoted."]
                : Array.Empty<string>()];
        return new SandboxReview(sandbox, CatalogDifference.Between(production.Document, document), CatalogDifference.Between(@base, production.Document),
            merge.Conflicts, check.Succeeded ? [] : check.Refusal.Problems, warnings);
    }

    /// <summary>The sandbox when the caller reaches it (their own, or any for a sandbox administrator); not found otherwise, so others' names are not revealed.</summary>
    internal async Task<(Sandbox? Sandbox, Refusal? Refusal)> ReachAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return (null, denied);
        }
        var sandbox = await sandboxes.FindAsync(name, cancellationToken);
        return sandbox is not null && Reaches(caller, sandbox) ? (sandbox, null) : (null, Refusal.NotFound("sandbox", name));
    }

    private static bool Reaches(Caller caller, Sandbox sandbox) =>
        caller.Grant.Allows(HeraldActions.SandboxAdmin) || string.Equals(sandbox.Owner, caller.Name, StringComparison.OrdinalIgnoreCase);

    // The documents were written by Herald from checked files; one that no longer reads is a bug, not the user's input.
    internal static CatalogDocument Read(string yaml) =>
        ConfigurationYaml.Read(yaml).Document ?? throw new InvalidOperationException("A stored sandbox document does not read as a configuration file.");

    private static object Summary(Sandbox sandbox) => new { sandbox.Name, sandbox.Owner, sandbox.SegmentPrefix, sandbox.AllowFullSends };

    /// <summary>Why the prefix cannot mark a sandbox's segments, or null when it can.</summary>
    internal static string? CheckSegmentPrefix(string? prefix) =>
        string.IsNullOrEmpty(prefix) || prefix.Length > MaxSegmentPrefixLength || !SegmentPrefix().IsMatch(prefix) || string.IsNullOrWhiteSpace(prefix)
            ? $"The segment prefix '{prefix}' must be 1 to {MaxSegmentPrefixLength} letters, digits, '-', '_' or spaces, such as 'sandbox-', so a sandbox's " +
                "segments never overwrite production's."
            : null;

    [GeneratedRegex("^[A-Za-z0-9 _-]+$")]
    private static partial Regex SegmentPrefix();
}
