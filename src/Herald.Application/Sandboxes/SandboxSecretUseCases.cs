using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Sandboxes;

namespace Herald.Application.Sandboxes;

/// <summary>
/// Secrets entered in a sandbox for one of its credentials (copied from production or added in the sandbox): whoever
/// reaches the sandbox and may edit credentials (credential:edit, as in production) enters them; they are encrypted as
/// production's are, bound to the sandbox and the credential's name, never shown, and used by the sandbox's runs only.
/// </summary>
internal sealed class SandboxSecretUseCases(
    SandboxUseCases sandboxUseCases, ISandboxStore sandboxes, CredentialPlugins credentialPlugins, DestinationPlugins plugins, ISegmentGateway gateway,
    AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Checks the secrets as the credential's plugin requires them and, unless <paramref name="skipConnectionTest"/>, tries
    /// them against the destination once (Insider One: a look-up of a probe segment, changing nothing); saves them only then.
    /// </summary>
    public async Task<UseCaseResult<Sandbox>> EnterAsync(Caller caller, string sandboxName, string credentialName, SecretValues secrets, bool skipConnectionTest,
        CancellationToken cancellationToken) =>
        // The audit entry names the secrets, never their values (SecretValues never prints them).
        await audit.RecordAsync(caller, HeraldActions.CredentialEdit, "enter secret in sandbox", $"{sandboxName}/{credentialName}", null,
            await EnterUnauditedAsync(caller, sandboxName, credentialName, secrets, skipConnectionTest, cancellationToken),
            s => new { s.Name, Credential = credentialName, Secrets = secrets.Names.Order(StringComparer.Ordinal).ToList(), ConnectionTested = !skipConnectionTest });

    private async Task<UseCaseResult<Sandbox>> EnterUnauditedAsync(Caller caller, string sandboxName, string credentialName, SecretValues secrets, bool skipConnectionTest,
        CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CredentialEdit) is { } denied)
        {
            return denied;
        }
        var (sandbox, refusal) = await sandboxUseCases.ReachAsync(caller, sandboxName, cancellationToken);
        if (sandbox is null)
        {
            return refusal!;
        }
        if (SandboxUseCases.Read(sandbox.Document).Credentials.FirstOrDefault(c => string.Equals(c.Name, credentialName, StringComparison.OrdinalIgnoreCase)) is not { } entry)
        {
            return Refusal.NotFound("credential", credentialName);
        }
        if (!credentialPlugins.IsInstalled(entry.Plugin))
        {
            return Refusal.Rule($"The credential '{entry.Name}' is of the plugin '{entry.Plugin}', which this server does not have; its secret cannot be checked or used here.");
        }
        var unknown = secrets.Names.Where(n => !credentialPlugins.For(entry.Plugin).SecretNames.Contains(n, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var problems = credentialPlugins.For(entry.Plugin).CheckCredential(entry.Settings, secrets, isNew: true).ToList();
        problems.AddRange(unknown.Select(n => new FieldProblem("Secrets",
            $"A credential of the plugin '{entry.Plugin}' has no secret named '{n}'; its secrets are {string.Join(", ", credentialPlugins.For(entry.Plugin).SecretNames)}.")));
        if (problems.Count > 0)
        {
            return Refusal.Invalid("credential", problems);
        }
        if (!skipConnectionTest && plugins.IsInstalled(entry.Plugin))
        {
            var account = plugins.For(entry.Plugin).AccountOf(entry.Settings, secrets);
            var check = await gateway.CheckConnectionAsync(account, UseCases.CredentialConnectionTest.ProbeSegment, cancellationToken);
            if (!check.Succeeded)
            {
                return Refusal.Rule($"The secret was not saved: trying it with the sandbox's settings of '{entry.Name}' failed: {check.Message} " +
                    "Check the token and the partner name, or save it without the test (skip the connection test).");
            }
        }
        await sandboxes.SaveSecretsAsync(sandbox.Id, entry.Name, secrets, clock.GetUtcNow(), cancellationToken);
        return await sandboxes.FindAsync(sandbox.Name, cancellationToken) ?? sandbox;
    }
}
