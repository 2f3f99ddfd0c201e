using Herald.Application.Access;
using Herald.Application.UseCases;
using Herald.Server.Web;

namespace Herald.Server.Api;

/// <summary>Users and API keys (user:admin for users and other users' keys), and who the caller is.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext http) =>
        {
            var caller = Callers.Api(http);
            return Results.Ok(new CallerView(caller.Name, caller.Grant.Policies, [.. caller.Grant.Actions.Order(StringComparer.Ordinal)]));
        }).WithTags("Users").WithSummary("Who the API key belongs to, its policies and the actions they allow").Produces<CallerView>();

        // The caller's own account: these never take a user's name, so they cannot reach anyone else's password or keys,
        // whatever the caller's policies.
        var me = api.MapGroup("/me").WithTags("Own account");
        me.MapGet("/keys", async (HttpContext http, UserUseCases useCases, CancellationToken ct) =>
            await useCases.ListKeysAsync(Callers.Api(http), null, ct) is var listed && listed.Succeeded ? Results.Ok(listed.Value) : ApiResults.From(listed.Refusal))
            .WithSummary("List the caller's own keys: name, first characters, made, last used, revoked; never a key").Produces<ApiKeyListing[]>();

        me.MapPost("/keys", async (OwnApiKeyInput input, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
        {
            var caller = Callers.Api(http);
            var made = await useCases.CreateKeyAsync(caller, null, input.Name, ct);
            return made.Succeeded
                ? Results.Created($"/api/me/keys/{made.Value.Entry.Id}", new NewApiKeyView(ApiKeyListing.Of(made.Value.Entry, caller.Name), made.Value.Key))
                : ApiResults.From(made.Refusal);
        }).WithSummary("Make a key of the caller's own, shown once").Produces<NewApiKeyView>(201).Problems(400, 409);

        me.MapDelete("/keys/{id}", async (string id, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
        {
            var revoked = Guid.TryParse(id, out var keyId) ? await useCases.RevokeOwnKeyAsync(Callers.Api(http), keyId, ct) : null;
            return revoked is { Succeeded: true }
                ? Results.Ok(revoked.Value)
                : ApiResults.Problem(StatusCodes.Status404NotFound, $"You have no API key with id '{id}'. List yours with: herald apikey list.");
        }).WithSummary("Revoke one of the caller's own keys (another user's is answered 404)").Produces<ApiKeyListing>().Problems(404);

        me.MapPost("/password", async (PasswordChangeInput input, HttpContext http, ThrottledPasswordChange change, CancellationToken ct) =>
            await change.ChangeAsync(http, Callers.Api(http), input.CurrentPassword, input.NewPassword, null, ct) is var changed && changed.Succeeded
                ? Results.Ok(changed.Value)
                : ApiResults.From(changed.Refusal))
            .WithSummary("Change the caller's own password (the current one is required); signs out every web session of the caller")
            .Produces<PasswordChanged>().Problems(400, 429);

        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", async (HttpContext http, UserUseCases useCases, CancellationToken ct) =>
            await useCases.ListAsync(Callers.Api(http), ct) is var listed && listed.Succeeded ? Results.Ok(listed.Value) : ApiResults.From(listed.Refusal))
            .WithSummary("List users with their policies and keys (user:admin)").Produces<UserListing[]>();

        users.MapPost("/", async (UserInput input, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
        {
            var added = await useCases.AddAsync(Callers.Api(http),
                new UserDraft(input.Name, input.Password, input.Policies, input.RestrictPii, input.AllowSandboxAdministration), ct);
            return added.Succeeded ? Results.Created($"/api/users/{added.Value.Name}", UserListing.Of(added.Value, [])) : ApiResults.From(added.Refusal);
        }).WithSummary("Add a user (user:admin)").Produces<UserListing>(201).Problems(400, 409);

        users.MapPost("/{name}/disable", async (string name, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
            await useCases.DisableAsync(Callers.Api(http), name, ct) is var disabled && disabled.Succeeded
                ? Results.Ok(UserListing.Of(disabled.Value, []))
                : ApiResults.From(disabled.Refusal))
            .WithSummary("Disable a user: its keys and sessions stop working (user:admin)").Produces<UserListing>().Problems(404, 409);

        users.MapPost("/{name}/enable", async (string name, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
            await useCases.EnableAsync(Callers.Api(http), name, ct) is var enabled && enabled.Succeeded
                ? Results.Ok(UserListing.Of(enabled.Value, []))
                : ApiResults.From(enabled.Refusal))
            .WithSummary("Enable a disabled user again: its keys that were not revoked work again (user:admin)").Produces<UserListing>().Problems(404);

        var keys = api.MapGroup("/apikeys").WithTags("API keys");
        keys.MapGet("/", async (string? user, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
            await useCases.ListKeysAsync(Callers.Api(http), user, ct) is var listed && listed.Succeeded ? Results.Ok(listed.Value) : ApiResults.From(listed.Refusal))
            .WithSummary("List the caller's keys, or another user's (user:admin)").Produces<ApiKeyListing[]>().Problems(404);

        keys.MapPost("/", async (ApiKeyInput input, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
        {
            var made = await useCases.CreateKeyAsync(Callers.Api(http), input.User, input.Name, ct);
            return made.Succeeded
                ? Results.Created($"/api/apikeys/{made.Value.Entry.Id}", new NewApiKeyView(ApiKeyListing.Of(made.Value.Entry, input.User ?? Callers.Api(http).Name), made.Value.Key))
                : ApiResults.From(made.Refusal);
        }).WithSummary("Make a key, shown once (another user's: user:admin)").Produces<NewApiKeyView>(201).Problems(400, 404, 409);

        keys.MapDelete("/{id}", async (string id, HttpContext http, UserUseCases useCases, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var keyId))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, $"No API key with id '{id}'. List keys with: herald apikey list.");
            }
            var revoked = await useCases.RevokeKeyAsync(Callers.Api(http), keyId, ct);
            return revoked.Succeeded ? Results.Ok(revoked.Value) : ApiResults.From(revoked.Refusal);
        }).WithSummary("Revoke a key (another user's: user:admin)").Produces<ApiKeyListing>().Problems(404);
    }
}

/// <summary>A user to add. <c>policies</c>: standard policy names (Administrator, Operator, User, Viewer) or action names.</summary>
public sealed record UserInput(string? Name, string? Password, IReadOnlyList<string>? Policies, bool RestrictPii = false, bool AllowSandboxAdministration = false);

/// <summary>A key to make, for <c>user</c> (the caller when absent).</summary>
public sealed record ApiKeyInput(string? Name, string? User);

/// <summary>A key of the caller's own to make: what it is for ("laptop", "ci").</summary>
public sealed record OwnApiKeyInput(string? Name);

/// <summary>The caller's current password (required when it has one) and the new one, 12 to 256 characters.</summary>
public sealed record PasswordChangeInput(string? CurrentPassword, string? NewPassword)
{
    // Records print their members; neither password may reach a log line through ToString.
    public override string ToString() => "PasswordChangeInput { CurrentPassword = ***, NewPassword = *** }";
}

/// <summary>A key just made: <c>key</c> is shown this once; Herald keeps only its hash.</summary>
public sealed record NewApiKeyView(ApiKeyListing Listing, string Key);

/// <summary>Who the caller is and what it may do.</summary>
public sealed record CallerView(string Name, IReadOnlyList<string> Policies, IReadOnlyList<string> Actions);
