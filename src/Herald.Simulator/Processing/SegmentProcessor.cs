using Herald.Simulator.Attributes;
using Herald.Simulator.State;
using Microsoft.Extensions.Logging;

namespace Herald.Simulator.Processing;

/// <summary>
/// What Insider One does after accepting an upload (insider-one.md section 3): wait, download the file, count
/// valid and invalid values by the attribute's type, store the valid ones, and call back.
/// </summary>
internal sealed class SegmentProcessor(
    HttpClient http,
    SimulatorState state,
    AttributeRegistry attributes,
    CallbackSender callbacks,
    TimeSpan processingDelay,
    long maxFileBytes,
    int downloadAttempts,
    TimeSpan downloadRetryDelay,
    TimeProvider time,
    ILogger<SegmentProcessor> logger)
{
    public async Task ProcessAsync(UploadJob job, CancellationToken cancellationToken)
    {
        await Task.Delay(processingDelay, time, cancellationToken);
        ValueCount count;
        try
        {
            count = await DownloadWithRetriesAsync(job, cancellationToken);
        }
        catch (DownloadFailedException exception)
        {
            // No error callback: Insider One documents none (assumed, see SimulatorAssumptions).
            state.MarkDownloadFailed(job, exception.Message);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A fault of the simulator itself, not of the sender: visible on the segment and in the host's log.
            logger.LogError(exception, "Processing segment {Segment} failed", job.Segment.Name);
            state.MarkDownloadFailed(job, $"simulator error: {exception.Message}");
            return;
        }

        state.MarkProcessed(job, count);

        // A superseded upload is still reported: Insider One processed its file too.
        var callback = new SegmentCallback(job.Segment.Name, count.Valid, count.Invalid, count.Total);
        await callbacks.DeliverAsync(job.CallbackUrl, callback, cancellationToken);
    }

    /// <summary>
    /// Assumed: like its callbacks, Insider One tries a download again when the file server is unreachable or
    /// fails (5xx), so that a sender restarting for a moment does not lose its segment. 4xx answers are final.
    /// </summary>
    private async Task<ValueCount> DownloadWithRetriesAsync(UploadJob job, CancellationToken cancellationToken)
    {
        var delay = downloadRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DownloadAndCountAsync(job, cancellationToken);
            }
            catch (DownloadFailedException exception) when (exception.Transient && attempt < downloadAttempts)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    private async Task<ValueCount> DownloadAndCountAsync(UploadJob job, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(job.FileUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new DownloadFailedException($"the file could not be downloaded: {exception.Message}", transient: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadFailedException("the file download did not answer in time", transient: true);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DownloadFailedException($"the file download answered {(int)response.StatusCode} {response.ReasonPhrase}",
                    transient: (int)response.StatusCode >= 500);
            }

            if (response.Content.Headers.ContentLength > maxFileBytes)
            {
                throw new DownloadFailedException(SimulatorAssumptions.FileTooLarge);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await CountAsync(stream, job.AttributeName, cancellationToken);
        }
    }

    private async Task<ValueCount> CountAsync(Stream stream, string attributeName, CancellationToken cancellationToken)
    {
        var valid = new List<string>();
        var total = 0;
        try
        {
            await foreach (var value in CsvValueReader.ReadValuesAsync(stream, maxFileBytes, cancellationToken))
            {
                total++;
                if (attributes.IsValid(attributeName, value))
                {
                    valid.Add(value);
                }
            }
        }
        catch (FileTooLargeException)
        {
            // No Content-Length (a chunked answer): the limit is found while reading.
            throw new DownloadFailedException(SimulatorAssumptions.FileTooLarge);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new DownloadFailedException($"the file download broke off: {exception.Message}");
        }

        return new ValueCount(valid.AsReadOnly(), total - valid.Count, total);
    }
}
