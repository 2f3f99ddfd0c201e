namespace Herald.Core.Runs;

/// <summary>What kind of thing went wrong, so that the UI and CLI can say what to do next.</summary>
public enum FailureKind
{
    /// <summary>The query, its shape or its result; fix the query.</summary>
    Audience,
    /// <summary>Insider One refused the token or the caller's address; update the credential.</summary>
    Credential,
    /// <summary>Insider One refused the segment (name in use, size, payload); edit the destination.</summary>
    Destination,
    /// <summary>The update would remove more of the segment than the shrink guard allows; check the query, or force the run.</summary>
    ShrinkGuard,
    /// <summary>Insider One or the network kept failing after every retry; retry later.</summary>
    Transient,
    /// <summary>No report came within the deadline.</summary>
    ReportTimeout,
    /// <summary>Herald itself could not do the step (storage, file system).</summary>
    Internal,
}
