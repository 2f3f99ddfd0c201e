using Herald.Application.Access;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Core.Ports;

namespace Herald.Application.Handover;

/// <summary>
/// Asking the holder of an Insider One account for a credential through a one-time link, and their handing it over
/// (issue 12): the token travels only from the account holder's browser into Herald's encrypted store.
/// </summary>
internal sealed class HandoverUseCases(IHandoverStore links, ICatalogStore catalog, CredentialUseCases credentials, DestinationPlugins plugins, ISegmentGateway gateway,
    AuditTrail audit, HandoverLimits limits, TimeProvider clock)
{
    /// <summary>One sentence for an unknown, used and expired link alike, so that the page tells nothing of which.</summary>
    public const string NoLongerValid = "This link is no longer valid. Ask the person who sent it for a new one.";

    /// <summary>Makes a link asking for a credential named <paramref name="name"/> that lives <paramref name="lifetime"/>.</summary>
    public async Task<UseCaseResult<HandoverRequested>> RequestAsync(Caller caller, string? name, string? plugin, TimeSpan lifetime, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.CredentialEdit, "request credential by hand-over link", name, null,
            await RequestUnauditedAsync(caller, name, plugin, lifetime, cancellationToken),
            r => new { r.Link.CredentialName, r.Link.Plugin, r.Link.ExpiresAt });

    private async Task<UseCaseResult<HandoverRequested>> RequestUnauditedAsync(Caller caller, string? name, string? plugin, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.CredentialEdit) is { } denied)
        {
            return denied;
        }
        var pluginId = string.IsNullOrWhiteSpace(plugin) ? Plugins.InsiderOne : plugin.Trim().ToLowerInvariant();
        var problems = CatalogRules.CheckCatalogName(name, "credential").Select(m => new FieldProblem("Name", m)).ToList();
        if (pluginId != Plugins.InsiderOne)
        {
            problems.Add(new FieldProblem("Plugin", $"Hand-over links ask for credentials of the plugin '{Plugins.InsiderOne}' only, not '{pluginId}'."));
        }
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromHours(limits.MaxHours))
        {
            problems.Add(new FieldProblem("Expires", $"A hand-over link lives more than 0 and at most {limits.MaxHours} hours (Herald:Access:MaxHandoverHours); choose a shorter expiry."));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid("hand-over link", problems);
        }
        if (await catalog.FindCredentialAsync(name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A credential named '{name}' exists already; choose another name, or rotate that one's token.") with { Subject = "credential" };
        }
        var token = ApiKeyText.RandomText();
        var now = clock.GetUtcNow();
        var link = new HandoverLink(Guid.NewGuid(), name!.Trim(), pluginId, HashOf(token), caller.Name, now, now + lifetime, null);
        await links.SaveAsync(link, cancellationToken);
        return new HandoverRequested(link, token);
    }

    /// <summary>The open link of the token; null for an unknown, used or expired one.</summary>
    public async Task<HandoverLink?> OpenAsync(string? token, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(token) || token.Length > 100
            ? null
            : await links.FindByHashAsync(HashOf(token), cancellationToken) is { } link && link.IsOpenAt(clock.GetUtcNow()) ? link : null;

    /// <summary>
    /// Checks the account once with Insider One and, when it answers yes, stores the credential encrypted and closes the
    /// link. A failed check leaves the link open until it expires.
    /// </summary>
    /// <param name="settings">The plugin's settings of the account, built by the page from what was entered.</param>
    /// <param name="secrets">The plugin's secrets, built alike; never logged or shown.</param>
    public async Task<UseCaseResult<Credential>> HandOverAsync(string? token, SettingsDocument settings, SecretValues secrets, string? remoteAddress, CancellationToken cancellationToken)
    {
        if (await OpenAsync(token, cancellationToken) is not { } link)
        {
            return new Refusal(RefusalKind.NotFound, NoLongerValid, []);
        }
        var caller = new Caller("handover", CallerChannel.Web, remoteAddress)
        {
            // The link grants adding this one credential and nothing else.
            Grant = new Grant(new HashSet<string>(StringComparer.Ordinal) { HeraldActions.CredentialEdit }, ["hand-over link"]),
        };
        var plugin = plugins.For(link.Plugin);
        if (plugin.CheckCredential(settings, secrets, isNew: true) is { Count: > 0 } problems)
        {
            return Refusal.Invalid("credential", problems);
        }
        // The same look-up as the credential form's Test connection: it changes nothing in the account.
        var check = await gateway.CheckConnectionAsync(plugin.AccountOf(settings, secrets), CredentialConnectionTest.ProbeSegment, cancellationToken);
        if (!check.Succeeded)
        {
            return await audit.RecordAsync<Credential>(caller, HeraldActions.CredentialEdit, "hand over credential", link.CredentialName, null,
                new Refusal(RefusalKind.Unavailable, $"The credential was not saved: the connection test failed. {check.Message}", [new FieldProblem(null, check.Message)])
                {
                    Subject = "credential",
                    Connection = check,
                }, null);
        }
        var added = await credentials.CreateAsync(caller, new CredentialDraft(link.CredentialName, link.Plugin, settings, secrets,
            $"Handed over through a link requested by {link.RequestedBy}."), cancellationToken);
        if (added.Succeeded)
        {
            await links.MarkUsedAsync(link.Id, added.Value.Id, clock.GetUtcNow(), cancellationToken);
        }
        return added;
    }

    /// <summary>The most recent links, so that the requester sees which were used and when.</summary>
    public async Task<UseCaseResult<IReadOnlyList<HandoverLink>>> ListAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.Denied(HeraldActions.CatalogRead) is { } denied ? denied : UseCaseResult<IReadOnlyList<HandoverLink>>.Of(await links.ListAsync(100, cancellationToken));

    /// <summary>Who asked for the credential by hand-over link, and when it was handed over; null when it was made otherwise, or the caller may not read it.</summary>
    public async Task<CredentialHandover?> HandoverOfAsync(Caller caller, Guid credentialId, CancellationToken cancellationToken) =>
        caller.Denied(HeraldActions.CatalogRead) is null ? await links.FindHandoverOfAsync(credentialId, cancellationToken) : null;

    /// <summary>The link's token as stored: SHA-256, like API keys (256 random bits leave nothing to guess).</summary>
    private static string HashOf(string token) => ApiKeyText.Hash(token);
}
