namespace Herald.Core.Ports;

/// <summary>
/// Where a destination reports on a run. The URL carries a per-run secret (its only authentication), so the run's
/// history shows the masked form.
/// </summary>
public interface IRunCallbackUrls
{
    Uri For(Guid runId);

    /// <summary>The URL without its secret, for the history and logs.</summary>
    string MaskedFor(Guid runId);
}
