using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.Configuration;

/// <summary>
/// Production's catalog as a file: exported (catalog:read), and applied as a whole (the edit action of every kind the
/// file changes, and <see cref="ConfigurationChecks"/>); any error leaves the catalog as it is, and otherwise every
/// change is made in one transaction with one audit entry holding the whole difference.
/// </summary>
internal sealed class ConfigurationUseCases(ICatalogStore catalog, ConfigurationChecks checks, AuditTrail audit, TimeProvider clock)
{
    public const string Operation = "apply configuration";

    public async Task<UseCaseResult<ConfigurationExport>> ExportAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return denied;
        }
        var current = await CatalogState.ReadAsync(catalog, cancellationToken);
        if (current.HiddenFrom(caller) is { } hidden)
        {
            return hidden;
        }
        return new ConfigurationExport(current.Document, ConfigurationYaml.Write(current.Document));
    }

    /// <summary>Reads <paramref name="yaml"/>, checks it whole and, unless <paramref name="dryRun"/>, makes the catalog hold exactly it.</summary>
    public async Task<UseCaseResult<ConfigurationApplied>> ApplyAsync(Caller caller, string yaml, bool dryRun, CancellationToken cancellationToken)
    {
        var current = await CatalogState.ReadAsync(catalog, cancellationToken);
        var (result, actions, desired) = current.HiddenFrom(caller) is { } hidden
            ? (hidden, HeraldActions.DestinationAdminOnly, null)
            : await CheckFileAsync(caller, yaml, current.Document, checks, cancellationToken);
        if (!result.Succeeded)
        {
            // A dry run changes nothing, so it is not a change to record; a refused apply is, as any refused change.
            return dryRun ? result : await audit.RecordAsync(caller, actions, Operation, null, null, result, null);
        }
        if (dryRun || result.Value.Difference.IsEmpty)
        {
            return result;
        }
        try
        {
            await catalog.ApplyAsync(current.WriteOf(desired!, clock.GetUtcNow()),
                audit.EntryOf(caller, actions, Operation, result.Value.Difference.Summary, AuditTrail.Done, null, null, result.Value.Difference), cancellationToken);
        }
        catch (CatalogChangedException)
        {
            return await audit.RecordAsync<ConfigurationApplied>(caller, actions, Operation, null, null, ChangedWhileWriting(
                "Production changed while the file was being applied (someone saved a credential, destination, orchestration, " +
                "saved segment or schedule meanwhile); nothing was applied. " +
                "Export again (herald config export), make your change to that file, and apply it."), null);
        }
        return result.Value with { Applied = true };
    }

    /// <summary>The refusal of a whole-catalog write that found the catalog written by someone else since it was read: nothing was written.</summary>
    public static Refusal ChangedWhileWriting(string message) => Refusal.Conflict(message) with { Subject = "configuration" };

    /// <summary>Reads a file and checks it against <paramref name="current"/>: catalog:read first, so a caller without it learns nothing of the file.</summary>
    public static async Task<(UseCaseResult<ConfigurationApplied> Result, string Actions, CatalogDocument? Desired)> CheckFileAsync(
        Caller caller, string yaml, CatalogDocument current, ConfigurationChecks checks, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CatalogRead) is { } denied)
        {
            return (denied, HeraldActions.CatalogRead, null);
        }
        var file = ConfigurationYaml.Read(yaml);
        if (file.Document is not { } desired)
        {
            return (Refusal.Invalid("configuration", [.. file.Problems.Select(p => new FieldProblem(null, p))]), HeraldActions.CatalogRead, null);
        }
        desired = desired.WithSchedulesKeptFrom(current);
        var (result, actions) = await checks.CheckAsync(caller, desired, current, cancellationToken);
        return (result, actions, desired);
    }
}
