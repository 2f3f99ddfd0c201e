using Herald.Core.Access;

namespace Herald.Core.Ports;

/// <summary>The audit log in Herald's metadata store: appended to, never changed.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries matching the query, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}
