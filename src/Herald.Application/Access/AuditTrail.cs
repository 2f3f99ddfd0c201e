using System.Text.Json;
using Herald.Application.UseCases;
using Herald.Core.Access;
using Herald.Core.Ports;

namespace Herald.Application.Access;

/// <summary>
/// Writes the audit log for the use cases: every change and every run started or cancelled, done or refused, with the
/// caller, the thing before and after. The things given are Herald's records, which hold no secret (tokens live only
/// encrypted in the store, keys only hashed, passwords only hashed and never listed), so nothing secret is written.
/// </summary>
internal sealed class AuditTrail(IAuditStore store, TimeProvider clock)
{
    public const string Done = "done";
    public const string Refused = "refused";
    public const string Forbidden = "forbidden";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Records what a use case did and hands its result on.</summary>
    /// <param name="before">The thing before the change (null for an addition).</param>
    /// <param name="after">What of the result to keep as "after" (null: nothing, for a removal).</param>
    public async Task<UseCaseResult<T>> RecordAsync<T>(Caller caller, string action, string operation, string? subject, object? before,
        UseCaseResult<T> result, Func<T, object?>? after)
        where T : class
    {
        var outcome = result.Succeeded ? Done : result.Refusal.Kind == RefusalKind.Forbidden ? Forbidden : Refused;
        // Not the request's cancellation: a change that happened is recorded even when the caller has gone.
        await store.AppendAsync(EntryOf(caller, action, operation, subject, outcome, result.Succeeded ? null : result.Refusal.Message,
            before, result.Succeeded && after is not null ? after(result.Value) : null), CancellationToken.None);
        return result;
    }

    /// <summary>
    /// The entry for a change that a store writes in the change's own transaction (<see cref="ICatalogStore.ApplyAsync"/>),
    /// so that the change and its record happen together or not at all.
    /// </summary>
    public AuditEntry EntryOf(Caller caller, string action, string operation, string? subject, string outcome, string? detail, object? before, object? after) =>
        new(0, clock.GetUtcNow(), caller.Name, caller.Channel.ToString().ToLowerInvariant(), caller.RemoteAddress,
            action, operation, subject, outcome, detail, ToJson(before), ToJson(after));

    private static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);
}
