using System.Security.Cryptography;

namespace Herald.Simulator.State;

/// <summary>Everything a simulator remembers: segments, the requests it received, the callbacks it sent and the
/// files it serves. One lock guards it all; the work under it is tiny.</summary>
internal sealed class SimulatorState(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<SegmentKey, SegmentRecord> segments = [];
    private readonly List<SegmentRecord> segmentsInOrder = [];
    private readonly List<ReceivedRequest> requests = [];
    private readonly List<SentCallback> callbacks = [];
    private readonly Dictionary<string, IReadOnlyList<string>> files = new(StringComparer.Ordinal);
    private long lastUploadId;

    /// <summary>
    /// Accepts an upload if the name is free, or was created through the API by this same token (then the upload
    /// will replace its values). The segment is registered at once, so the name is in use from acceptance.
    /// </summary>
    /// <returns>The job to process, or null when the name is in use.</returns>
    public UploadJob? TryAcceptUpload(string partnerName, string token, string segmentName, string fileUrl, string callbackUrl, string attributeName)
    {
        var key = new SegmentKey(partnerName, segmentName);
        lock (gate)
        {
            if (!segments.TryGetValue(key, out var segment))
            {
                segment = new SegmentRecord(key, attributeName, createdByApi: true, ownerToken: token);
                Add(segment);
            }
            else if (!segment.CreatedByApi || !string.Equals(segment.OwnerToken, token, StringComparison.Ordinal))
            {
                return null;
            }

            // The old values stay readable until the new file is processed.
            segment.AttributeName = attributeName;
            segment.State = SegmentStates.Processing;
            segment.FailureReason = null;
            segment.UploadCount++;
            segment.LatestUploadId = ++lastUploadId;
            segment.UpdatedAt = time.GetUtcNow();
            return new UploadJob(segment.LatestUploadId, key, fileUrl, callbackUrl, attributeName);
        }
    }

    /// <returns>False when a later upload (or a reset) superseded this one, so its result was not stored.</returns>
    public bool MarkProcessed(UploadJob job, ValueCount count)
    {
        lock (gate)
        {
            if (LatestFor(job) is not { } segment)
            {
                return false;
            }

            segment.Values = count.ValidValues;
            segment.Valid = count.Valid;
            segment.Invalid = count.Invalid;
            segment.Total = count.Total;
            segment.State = SegmentStates.Processed;
            segment.UpdatedAt = time.GetUtcNow();
            return true;
        }
    }

    public void MarkDownloadFailed(UploadJob job, string reason)
    {
        lock (gate)
        {
            if (LatestFor(job) is { } segment)
            {
                segment.State = SegmentStates.DownloadFailed;
                segment.FailureReason = reason;
                segment.UpdatedAt = time.GetUtcNow();
            }
        }
    }

    /// <summary>Puts a segment in place as if it existed already; replaces any segment of that name.</summary>
    public void Seed(
        string partnerName, string segmentName, IReadOnlyList<string> values, bool createdByApi, string? ownerToken, string attributeName)
    {
        var key = new SegmentKey(partnerName, segmentName);
        var segment = new SegmentRecord(key, attributeName, createdByApi, ownerToken)
        {
            Values = values,
            Valid = values.Count,
            Total = values.Count,
            State = SegmentStates.Processed,
            UpdatedAt = time.GetUtcNow(),
        };
        lock (gate)
        {
            if (segments.Remove(key, out var old))
            {
                segmentsInOrder.Remove(old);
            }

            Add(segment);
        }
    }

    public SimulatedSegment? Find(string partnerName, string segmentName)
    {
        lock (gate)
        {
            return segments.GetValueOrDefault(new SegmentKey(partnerName, segmentName))?.Snapshot();
        }
    }

    public IReadOnlyList<SimulatedSegment> Segments()
    {
        lock (gate)
        {
            return segmentsInOrder.Select(segment => segment.Snapshot()).ToArray();
        }
    }

    public void Record(ReceivedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    public IReadOnlyList<ReceivedRequest> Requests()
    {
        lock (gate)
        {
            return requests.ToArray();
        }
    }

    public void Record(SentCallback callback)
    {
        lock (gate)
        {
            callbacks.Add(callback);
        }
    }

    public IReadOnlyList<SentCallback> Callbacks()
    {
        lock (gate)
        {
            return callbacks.ToArray();
        }
    }

    /// <summary>Keeps a copy of the values to serve as a file.</summary>
    /// <returns>An unguessable id, as a real signed URL would carry.</returns>
    public string PublishFile(IReadOnlyList<string> values)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (gate)
        {
            files[id] = values;
        }

        return id;
    }

    public IReadOnlyList<string>? File(string id)
    {
        lock (gate)
        {
            return files.GetValueOrDefault(id);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            segments.Clear();
            segmentsInOrder.Clear();
            requests.Clear();
            callbacks.Clear();
            files.Clear();
        }
    }

    private void Add(SegmentRecord segment)
    {
        segments.Add(segment.Key, segment);
        segmentsInOrder.Add(segment);
    }

    private SegmentRecord? LatestFor(UploadJob job) =>
        segments.TryGetValue(job.Segment, out var segment) && segment.LatestUploadId == job.UploadId ? segment : null;
}
