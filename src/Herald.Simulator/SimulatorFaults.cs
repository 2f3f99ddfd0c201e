namespace Herald.Simulator;

/// <summary>Misbehaviour on demand. The instance behind <see cref="InsiderOneSimulator.Faults"/> is live: a change
/// applies to the next request or callback. Every member is safe to use from any thread.</summary>
public sealed class SimulatorFaults
{
    private readonly Lock gate = new();
    private int failNextUploads;
    private int failStatus = SimulatorDefaults.FailStatus;
    private int rateLimitNextUploads;
    private int retryAfterSeconds = SimulatorDefaults.RetryAfterSeconds;
    private TimeSpan uploadDelay;
    private TimeSpan callbackDelay;
    private bool dropCallbacks;
    private bool duplicateCallbacks;
    private bool callbackForUnknownSegment;
    private bool refuseDownloads;
    private bool failSegmentFiles;

    /// <summary>The next N uploads answer <see cref="FailStatus"/>; counts down as they are answered.</summary>
    public int FailNextUploads
    {
        get { lock (gate) { return failNextUploads; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { failNextUploads = value; } }
    }

    /// <summary>Status of a failed upload; 503 unless set (400 to 599).</summary>
    public int FailStatus
    {
        get { lock (gate) { return failStatus; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 400);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            lock (gate) { failStatus = value; }
        }
    }

    /// <summary>The next N uploads answer 429 with <c>Retry-After: RetryAfterSeconds</c>; counts down.</summary>
    public int RateLimitNextUploads
    {
        get { lock (gate) { return rateLimitNextUploads; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { rateLimitNextUploads = value; } }
    }

    public int RetryAfterSeconds
    {
        get { lock (gate) { return retryAfterSeconds; } }
        set { ArgumentOutOfRangeException.ThrowIfNegative(value); lock (gate) { retryAfterSeconds = value; } }
    }

    /// <summary>Every upload answer (accepted or not) comes this much later.</summary>
    public TimeSpan UploadDelay
    {
        get { lock (gate) { return uploadDelay; } }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (gate) { uploadDelay = value; } }
    }

    /// <summary>Extra wait between processing a file and its first callback.</summary>
    public TimeSpan CallbackDelay
    {
        get { lock (gate) { return callbackDelay; } }
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero); lock (gate) { callbackDelay = value; } }
    }

    /// <summary>Files are processed but no callback is ever sent.</summary>
    public bool DropCallbacks
    {
        get { lock (gate) { return dropCallbacks; } }
        set { lock (gate) { dropCallbacks = value; } }
    }

    /// <summary>Every callback is delivered twice.</summary>
    public bool DuplicateCallbacks
    {
        get { lock (gate) { return duplicateCallbacks; } }
        set { lock (gate) { duplicateCallbacks = value; } }
    }

    /// <summary>After each callback, one more goes to the same URL naming a segment that does not exist.</summary>
    public bool CallbackForUnknownSegment
    {
        get { lock (gate) { return callbackForUnknownSegment; } }
        set { lock (gate) { callbackForUnknownSegment = value; } }
    }

    /// <summary><c>/fps/v1/download</c> answers 503.</summary>
    public bool RefuseDownloads
    {
        get { lock (gate) { return refuseDownloads; } }
        set { lock (gate) { refuseDownloads = value; } }
    }

    /// <summary>
    /// <c>/fps/v1/download</c> still finds the segment and hands out its file URL, but the file answers 503: the look-up
    /// says the segment exists while its values cannot be read.
    /// </summary>
    public bool FailSegmentFiles
    {
        get { lock (gate) { return failSegmentFiles; } }
        set { lock (gate) { failSegmentFiles = value; } }
    }

    /// <summary>Uses up one of <see cref="FailNextUploads"/>, if any is left.</summary>
    internal bool TryTakeUploadFailure(out int status)
    {
        lock (gate)
        {
            status = failStatus;
            if (failNextUploads == 0)
            {
                return false;
            }

            failNextUploads--;
            return true;
        }
    }

    /// <summary>Uses up one of <see cref="RateLimitNextUploads"/>, if any is left.</summary>
    internal bool TryTakeUploadRateLimit(out int retryAfter)
    {
        lock (gate)
        {
            retryAfter = retryAfterSeconds;
            if (rateLimitNextUploads == 0)
            {
                return false;
            }

            rateLimitNextUploads--;
            return true;
        }
    }

    internal SimulatorFaults Copy()
    {
        lock (gate)
        {
            return new SimulatorFaults
            {
                failNextUploads = failNextUploads,
                failStatus = failStatus,
                rateLimitNextUploads = rateLimitNextUploads,
                retryAfterSeconds = retryAfterSeconds,
                uploadDelay = uploadDelay,
                callbackDelay = callbackDelay,
                dropCallbacks = dropCallbacks,
                duplicateCallbacks = duplicateCallbacks,
                callbackForUnknownSegment = callbackForUnknownSegment,
                refuseDownloads = refuseDownloads,
                failSegmentFiles = failSegmentFiles,
            };
        }
    }

    /// <summary>Takes every setting of <paramref name="source"/> at once, so no request sees half of each.</summary>
    internal void ReplaceWith(SimulatorFaults source)
    {
        // Copy first: holding both locks at once could deadlock two instances replacing each other.
        var copy = source.Copy();
        lock (gate)
        {
            failNextUploads = copy.failNextUploads;
            failStatus = copy.failStatus;
            rateLimitNextUploads = copy.rateLimitNextUploads;
            retryAfterSeconds = copy.retryAfterSeconds;
            uploadDelay = copy.uploadDelay;
            callbackDelay = copy.callbackDelay;
            dropCallbacks = copy.dropCallbacks;
            duplicateCallbacks = copy.duplicateCallbacks;
            callbackForUnknownSegment = copy.callbackForUnknownSegment;
            refuseDownloads = copy.refuseDownloads;
            failSegmentFiles = copy.failSegmentFiles;
        }
    }
}
