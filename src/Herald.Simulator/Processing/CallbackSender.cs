using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Simulator.State;

namespace Herald.Simulator.Processing;

/// <summary>Delivers a segment's result to its callback URL, with the faults asked for, and records every attempt.</summary>
internal sealed class CallbackSender(
    HttpClient http, SimulatorState state, SimulatorFaults faults, int attempts, TimeSpan retryDelay, TimeProvider time)
{
    public async Task DeliverAsync(string callbackUrl, SegmentCallback callback, CancellationToken cancellationToken)
    {
        // Read once, so one delivery is consistent even if the faults change while it runs.
        var fault = faults.Copy();
        if (fault.DropCallbacks)
        {
            return;
        }

        if (fault.CallbackDelay > TimeSpan.Zero)
        {
            await Task.Delay(fault.CallbackDelay, time, cancellationToken);
        }

        await SendWithRetriesAsync(callbackUrl, callback, cancellationToken);
        if (fault.DuplicateCallbacks)
        {
            await SendWithRetriesAsync(callbackUrl, callback, cancellationToken);
        }

        if (fault.CallbackForUnknownSegment)
        {
            var unknown = callback with { SegmentName = $"unknown-segment-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}" };
            await SendWithRetriesAsync(callbackUrl, unknown, cancellationToken);
        }
    }

    // A short loop rather than a resilience library: the simulator keeps no dependency beyond ASP.NET Core, and
    // its retry policy is itself an assumption (Insider One documents none) that tests read in one place.
    private async Task SendWithRetriesAsync(string callbackUrl, SegmentCallback callback, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(callback);
        var delay = retryDelay;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }

            var status = await SendOnceAsync(callbackUrl, callback.SegmentName, body, attempt, cancellationToken);

            // 2xx is delivered; a 4xx is the receiver's final word (assumed, see SimulatorAssumptions).
            if (status is >= 200 and < 500)
            {
                return;
            }
        }
    }

    /// <returns>The status received, or null when no answer came.</returns>
    private async Task<int?> SendOnceAsync(string url, string segmentName, string body, int attempt, CancellationToken cancellationToken)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, MediaTypeNames.Application.Json);
            using var response = await http.PostAsync(url, content, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException exception)
        {
            error = exception.Message;
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer in time: {exception.Message}";
        }

        state.Record(new SentCallback(url, segmentName, body, attempt, status, error, time.GetUtcNow()));
        return status;
    }
}
