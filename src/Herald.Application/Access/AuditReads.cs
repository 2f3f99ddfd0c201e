using Herald.Application.UseCases;
using Herald.Core.Access;
using Herald.Core.Ports;

namespace Herald.Application.Access;

/// <summary>Reading the audit log (audit:read).</summary>
internal sealed class AuditReads(IAuditStore store)
{
    /// <summary>The most entries one read returns.</summary>
    public const int MaxLimit = 10_000;

    public async Task<UseCaseResult<IReadOnlyList<AuditEntry>>> ListAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken)
    {
        if (caller.Denied(HeraldActions.AuditRead) is { } denied)
        {
            return denied;
        }
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return UseCaseResult<IReadOnlyList<AuditEntry>>.Of(await store.ListAsync(
            query with { Actor = Clean(query.Actor), Action = Clean(query.Action), Outcome = Clean(query.Outcome), Limit = Math.Clamp(query.Limit, 1, MaxLimit) },
            cancellationToken));
    }
}
