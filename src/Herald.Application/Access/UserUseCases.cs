// Over 250 lines on purpose: users and their API keys are one use case class so that who may manage whom, and its audit,
// are decided in one place; each method is a short check, change and audit entry.
using System.Text.RegularExpressions;
using Herald.Application.UseCases;
using Herald.Core.Access;
using Herald.Core.Catalog;
using Herald.Core.Ports;
using Microsoft.AspNetCore.Identity;

namespace Herald.Application.Access;

/// <summary>
/// Users, their API keys, and recognising a caller by key or password: one place for the API, the pages and the CLI.
/// Administering users needs <see cref="HeraldActions.UserAdmin"/>; anyone may make, list and revoke their own keys.
/// </summary>
internal sealed partial class UserUseCases(IUserStore users, IUserSessions sessions, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The user the data directory's key belongs to after an upgrade.</summary>
    public const string UpgradeAdministrator = "admin";

    /// <summary>The name of the data directory's key, as the upgraded administrator's key list shows it.</summary>
    public const string DataDirectoryKeyName = "data-directory key";

    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    public const int MaxKeyNameLength = 64;

    /// <summary>The field of a refusal that says the current password was wrong: the edges count it as a failed sign-in.</summary>
    public const string CurrentPasswordField = "CurrentPassword";

    // Last-used times are kept to the minute: one write per key per minute, not one per request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly PasswordHasher<HeraldUser> _hasher = new();

    // Verified when the name is unknown, so that a wrong name takes as long as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => new PasswordHasher<HeraldUser>().HashPassword(null!, "not a password of anyone"));

    public async Task<UseCaseResult<HeraldUser>> AddAsync(Caller caller, UserDraft draft, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "add user", draft.Name, null, await AddUnauditedAsync(caller, draft, cancellationToken), Listed);

    private async Task<UseCaseResult<HeraldUser>> AddUnauditedAsync(Caller caller, UserDraft draft, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.UserAdmin) is { } denied)
        {
            return denied;
        }
        var problems = new List<FieldProblem>();
        if (NameProblem(draft.Name) is { } nameProblem)
        {
            problems.Add(new FieldProblem(nameof(draft.Name), nameProblem));
        }
        if (draft.Password is not null && PasswordProblem(draft.Password) is { } passwordProblem)
        {
            problems.Add(new FieldProblem(nameof(draft.Password), passwordProblem));
        }
        var policies = (draft.Policies ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (policies.Count == 0)
        {
            problems.Add(new FieldProblem(nameof(draft.Policies), $"Give the user at least one policy: {string.Join(", ", StandardPolicies.All.Select(p => p.Name))}, or a list of actions."));
        }
        problems.AddRange(policies.Select(StandardPolicies.Problem).OfType<string>().Select(m => new FieldProblem(nameof(draft.Policies), m)));
        if (problems.Count > 0)
        {
            return Refusal.Invalid("user", problems);
        }
        if (await users.FindUserAsync(draft.Name!, cancellationToken) is not null)
        {
            return Refusal.Conflict($"A user named '{draft.Name}' exists already; choose another name.") with { Subject = "user" };
        }
        var user = new HeraldUser(Guid.NewGuid(), draft.Name!, [.. policies.Select(p => StandardPolicies.Find(p)?.Name ?? p)],
            draft.RestrictPii, draft.AllowSandboxAdministration, Disabled: false, PasswordHash: null, clock.GetUtcNow());
        if (draft.Password is not null)
        {
            user = user with { PasswordHash = _hasher.HashPassword(user, draft.Password) };
        }
        await users.SaveUserAsync(user, cancellationToken);
        return user;
    }

    /// <summary>Every user with its keys.</summary>
    public async Task<UseCaseResult<IReadOnlyList<UserListing>>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.UserAdmin) is { } denied)
        {
            return denied;
        }
        var keys = await users.ListApiKeysAsync(null, cancellationToken);
        return UseCaseResult<IReadOnlyList<UserListing>>.Of([.. (await users.ListUsersAsync(cancellationToken)).Select(u => UserListing.Of(u, keys))]);
    }

    /// <summary>Disables a user: its sessions and keys stop working at their next request. A caller cannot disable itself.</summary>
    public async Task<UseCaseResult<HeraldUser>> DisableAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "disable user", name,
            await users.FindUserAsync(name, cancellationToken) is { } before ? Listed(before) : null, await SetDisabledUnauditedAsync(caller, name, true, cancellationToken), Listed);

    /// <summary>Enables a disabled user again: its keys that were not revoked, and its password, work again.</summary>
    public async Task<UseCaseResult<HeraldUser>> EnableAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "enable user", name,
            await users.FindUserAsync(name, cancellationToken) is { } before ? Listed(before) : null, await SetDisabledUnauditedAsync(caller, name, false, cancellationToken), Listed);

    private async Task<UseCaseResult<HeraldUser>> SetDisabledUnauditedAsync(Caller caller, string name, bool disable, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.UserAdmin) is { } denied)
        {
            return denied;
        }
        if (await users.FindUserAsync(name, cancellationToken) is not { } user)
        {
            return Refusal.NotFound("user", name);
        }
        if (disable && string.Equals(user.Name, caller.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Conflict("You cannot disable yourself: another administrator can, so that Herald always keeps one.") with { Subject = "user" };
        }
        var changed = user with { Disabled = disable };
        await users.SaveUserAsync(changed, cancellationToken);
        return changed;
    }

    /// <summary>Makes a key for <paramref name="userName"/> (the caller when null); another user's needs user:admin.</summary>
    public async Task<UseCaseResult<NewApiKey>> CreateKeyAsync(Caller caller, string? userName, string? keyName, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "make API key", $"{userName ?? caller.Name}/{keyName}", null,
            await CreateKeyUnauditedAsync(caller, userName, keyName, cancellationToken), made => ApiKeyListing.Of(made.Entry, userName ?? caller.Name));

    private async Task<UseCaseResult<NewApiKey>> CreateKeyUnauditedAsync(Caller caller, string? userName, string? keyName, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(caller, userName, cancellationToken);
        if (!owner.Succeeded)
        {
            return owner.Refusal;
        }
        var name = keyName?.Trim() ?? "";
        if (name.Length is 0 or > MaxKeyNameLength || name.Any(char.IsControl))
        {
            return Refusal.Invalid("API key", [new FieldProblem("Name", $"Name the key (1 to {MaxKeyNameLength} characters, no control characters), for example after the machine that will use it.")]);
        }
        if ((await users.ListApiKeysAsync(owner.Value.Id, cancellationToken)).Any(k => string.Equals(k.Name, name, StringComparison.Ordinal)))
        {
            return Refusal.Conflict($"'{owner.Value.Name}' has a key named '{name}' already; choose another name.") with { Subject = "API key" };
        }
        var key = ApiKeyText.NewKey();
        var entry = new ApiKeyEntry(Guid.NewGuid(), owner.Value.Id, name, ApiKeyText.Hash(key), ApiKeyText.PrefixOf(key), clock.GetUtcNow(), null, null);
        await users.AddApiKeyAsync(entry, cancellationToken);
        return new NewApiKey(entry, key);
    }

    /// <summary>The keys of <paramref name="userName"/> (the caller when null); another user's needs user:admin.</summary>
    public async Task<UseCaseResult<IReadOnlyList<ApiKeyListing>>> ListKeysAsync(Caller caller, string? userName, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(caller, userName, cancellationToken);
        if (!owner.Succeeded)
        {
            return owner.Refusal;
        }
        return UseCaseResult<IReadOnlyList<ApiKeyListing>>.Of(
            [.. (await users.ListApiKeysAsync(owner.Value.Id, cancellationToken)).Select(k => ApiKeyListing.Of(k, owner.Value.Name))]);
    }

    /// <summary>Revokes a key: the caller's own, or anyone's with user:admin. The key stays listed, with when it was revoked.</summary>
    public async Task<UseCaseResult<ApiKeyListing>> RevokeKeyAsync(Caller caller, Guid keyId, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "revoke API key", keyId.ToString(), null, await RevokeKeyUnauditedAsync(caller, keyId, cancellationToken), k => k);

    /// <summary>
    /// Revokes one of the caller's own keys, whatever its policies: another user's key is answered as one that does not
    /// exist, so that the caller's own account page cannot reach, or tell of, anyone else's keys.
    /// </summary>
    public async Task<UseCaseResult<ApiKeyListing>> RevokeOwnKeyAsync(Caller caller, Guid keyId, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "revoke own API key", keyId.ToString(), null,
            await RevokeKeyUnauditedAsync(caller, keyId, cancellationToken, ownOnly: true), k => k);

    private async Task<UseCaseResult<ApiKeyListing>> RevokeKeyUnauditedAsync(Caller caller, Guid keyId, CancellationToken cancellationToken, bool ownOnly = false)
    {
        if (await users.GetApiKeyAsync(keyId, cancellationToken) is not { } key
            || await users.FindUserAsync(key.UserId.ToString(), cancellationToken) is not { } owner
            || ownOnly && !string.Equals(owner.Name, caller.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.NotFound("API key", keyId.ToString());
        }
        if (!string.Equals(owner.Name, caller.Name, StringComparison.OrdinalIgnoreCase) && caller.Denied(HeraldActions.UserAdmin) is { } denied)
        {
            return denied;
        }
        var at = key.RevokedAt ?? clock.GetUtcNow();
        await users.RevokeApiKeyAsync(keyId, at, cancellationToken);
        return ApiKeyListing.Of(key with { RevokedAt = at }, owner.Name);
    }

    /// <summary>
    /// Changes the caller's own password, never anyone else's: the current one is required when the user has one, the new
    /// one follows the rules of <see cref="AddAsync"/> and gets the same hasher. Every other web session of the user ends;
    /// <paramref name="keepSession"/> (the caller's own, when it came through the web UI) stays signed in.
    /// </summary>
    public async Task<UseCaseResult<PasswordChanged>> ChangeOwnPasswordAsync(
        Caller caller, string? currentPassword, string? newPassword, string? keepSession, CancellationToken cancellationToken) =>
        await audit.RecordAsync(caller, HeraldActions.UserAdmin, "change own password", caller.Name, null,
            await ChangeOwnPasswordUnauditedAsync(caller, currentPassword, newPassword, keepSession, cancellationToken), changed => changed);

    private async Task<UseCaseResult<PasswordChanged>> ChangeOwnPasswordUnauditedAsync(
        Caller caller, string? currentPassword, string? newPassword, string? keepSession, CancellationToken cancellationToken)
    {
        if (await users.FindUserAsync(caller.Name, cancellationToken) is not { Disabled: false } user)
        {
            return Refusal.NotFound("user", caller.Name);
        }
        if (user.PasswordHash is not null && !Verifies(user, currentPassword))
        {
            return Refusal.Invalid("password", [new FieldProblem(CurrentPasswordField,
                "That is not your current password. Enter the password you sign in with; ask an administrator if you lost it.")]);
        }
        var problem = string.IsNullOrEmpty(newPassword) ? "Enter a new password." : PasswordProblem(newPassword)
            ?? (user.PasswordHash is not null && newPassword == currentPassword ? "The new password is your current one: choose another." : null);
        if (problem is not null)
        {
            return Refusal.Invalid("password", [new FieldProblem("NewPassword", problem)]);
        }
        await users.SaveUserAsync(user with { PasswordHash = _hasher.HashPassword(user, newPassword!) }, cancellationToken);
        var ended = await sessions.EndSessionsOfAsync(user.Id, keepSession, cancellationToken);
        return new PasswordChanged(user.Name, ended);
    }

    // Verifying hashes the candidate: one too long for any password is wrong without the work.
    private bool Verifies(HeraldUser user, string? password) =>
        !string.IsNullOrEmpty(password) && password.Length <= MaxPasswordLength
        && _hasher.VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;

    /// <summary>The enabled user holding this key (not revoked), noting its use; null for any other key.</summary>
    public async Task<SignedInUser?> AuthenticateKeyAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || await users.FindApiKeyByHashAsync(ApiKeyText.Hash(key), cancellationToken) is not { RevokedAt: null } entry)
        {
            return null;
        }
        var signedIn = await ResolveAsync(entry.UserId, cancellationToken);
        var now = clock.GetUtcNow();
        if (signedIn is not null && (entry.LastUsedAt is not { } used || now - used >= LastUsedResolution))
        {
            await users.NoteApiKeyUsedAsync(entry.Id, now, cancellationToken);
        }
        return signedIn;
    }

    /// <summary>The enabled user with this name and password; null otherwise, after the same work whatever was wrong.</summary>
    public async Task<SignedInUser?> AuthenticatePasswordAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            return null;
        }
        var user = await users.FindUserAsync(name.Trim(), cancellationToken);
        var verified = _hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? _decoyHash.Value, password);
        if (user is null || user.PasswordHash is null || user.Disabled || verified == PasswordVerificationResult.Failed)
        {
            return null;
        }
        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user = user with { PasswordHash = _hasher.HashPassword(user, password) };
            await users.SaveUserAsync(user, cancellationToken);
        }
        return new SignedInUser(user, GrantOf(user));
    }

    /// <summary>The user as it is now (a session checks it on each request): null when gone or disabled.</summary>
    public async Task<SignedInUser?> ResolveAsync(Guid userId, CancellationToken cancellationToken) =>
        await users.FindUserAsync(userId.ToString(), cancellationToken) is { Disabled: false } user ? new SignedInUser(user, GrantOf(user)) : null;

    /// <summary>
    /// The upgrade: the key an installation had before users (its data directory's <c>api-key</c>, or
    /// <c>Herald:ApiKey</c>) becomes a key of the <c>admin</c> user with the Administrator policy, so that everything
    /// holding it keeps working. Nothing changes when a user holds it already.
    /// </summary>
    public async Task AdoptInstallationKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (await users.FindApiKeyByHashAsync(ApiKeyText.Hash(key), cancellationToken) is not null)
        {
            return;
        }
        var admin = await users.FindUserAsync(UpgradeAdministrator, cancellationToken);
        if (admin is null)
        {
            admin = new HeraldUser(Guid.NewGuid(), UpgradeAdministrator, [StandardPolicies.Administrator.Name], false, false, false, null, clock.GetUtcNow());
            await users.SaveUserAsync(admin, cancellationToken);
        }
        var existing = await users.ListApiKeysAsync(admin.Id, cancellationToken);
        var name = existing.Any(k => k.Name == DataDirectoryKeyName) ? $"{DataDirectoryKeyName} {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}" : DataDirectoryKeyName;
        await users.AddApiKeyAsync(new ApiKeyEntry(Guid.NewGuid(), admin.Id, name, ApiKeyText.Hash(key), ApiKeyText.PrefixOf(key), clock.GetUtcNow(), null, null), cancellationToken);
    }

    /// <summary>Why a name cannot be a user's name, or null.</summary>
    public static string? NameProblem(string? name) =>
        name is null || !UserName().IsMatch(name)
            ? $"A user's name is 1 to {Caller.MaxNameLength} letters, digits, '.', '_', '-' or '@', starting with a letter or digit."
            : null;

    public static string? PasswordProblem(string password) =>
        password.Length is < MinPasswordLength or > MaxPasswordLength
            ? $"A password is {MinPasswordLength} to {MaxPasswordLength} characters long."
            : null;

    // A user in the audit log: never its password hash.
    private static UserListing Listed(HeraldUser user) => UserListing.Of(user, []);

    private static Grant GrantOf(HeraldUser user) => Grant.Of(user.Policies, user.RestrictPii, user.AllowSandboxAdministration);

    private async Task<UseCaseResult<HeraldUser>> OwnerAsync(Caller caller, string? userName, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(userName) ? caller.Name : userName.Trim();
        if (!string.Equals(name, caller.Name, StringComparison.OrdinalIgnoreCase) && caller.Denied(HeraldActions.UserAdmin) is { } denied)
        {
            return denied;
        }
        return await users.FindUserAsync(name, cancellationToken) is { } user ? user : Refusal.NotFound("user", name);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex UserName();
}
