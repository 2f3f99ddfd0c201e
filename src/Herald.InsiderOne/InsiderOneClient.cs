using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Herald.Core.Network;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Microsoft.Extensions.Options;
using Polly;

namespace Herald.InsiderOne;

// Over 250 lines on purpose: Insider One's four calls (upload, look-up, download, connection test) share one way of
// sending, retrying and recording each attempt; the answers are interpreted in UploadAnswer.

/// <summary>
/// Herald's Insider One plugin: uploads segments and asks about them, through the shared per-token rate
/// limiter and the retry pipeline, recording every attempt (masked) in the run's history.
/// </summary>
public sealed class InsiderOneClient(
    HttpClient http,
    IOptions<InsiderOneOptions> options,
    TokenRateLimiters limiters,
    TimeProvider clock) : ISegmentGateway
{
    private const int MaxRecordedResponse = 500;

    /// <summary>The request as people read it in the run's history: URLs without <c>\u0026</c> escapes.</summary>
    private static readonly JsonSerializerOptions ShownJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly InsiderOneOptions _options = options.Value;
    private ResiliencePipeline? _files;

    /// <summary>Polly waits on this clock; it is the system clock unless a test needs otherwise.</summary>
    public TimeProvider RetryDelays { get; init; } = TimeProvider.System;

    public async Task<SubmissionOutcome> SubmitAsync(SegmentSubmission submission, ICallRecorder recorder, CancellationToken cancellationToken)
    {
        var body = new UploadBody(submission.SegmentName, submission.FileUrl.ToString(), submission.CallbackUrl.ToString(), submission.AttributeName);
        var shown = JsonSerializer.Serialize(body with { FileUrl = submission.MaskedFileUrl, CallbackUrl = submission.MaskedCallbackUrl }, ShownJson);
        try
        {
            var wait = new RateLimitWait();
            using var response = await SendAsync("upload", InsiderOneContract.UploadPath, body, shown, submission.Account, recorder, cancellationToken, wait);
            var answer = await ReadAnswerAsync(response, cancellationToken);
            return UploadAnswer.Interpret(response.StatusCode, answer, submission, _options, wait.Waited);
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return SubmissionOutcome.Refuse(FailureKind.Transient,
                $"Insider One could not be reached at {_options.BaseUrl} after {_options.MaxRetries + 1} attempts ({exception.Message}). " +
                "Herald did not submit the segment; run it again when Insider One is reachable, and check Herald:InsiderOne:BaseUrl.");
        }
    }

    public async Task<SegmentPresence> FindSegmentAsync(SegmentAccount account, string segmentName, ICallRecorder recorder, CancellationToken cancellationToken)
    {
        var body = new DownloadBody(segmentName);
        try
        {
            using var response = await SendAsync("find segment", InsiderOneContract.AssumedDownloadPath, body, JsonSerializer.Serialize(body, ShownJson), account, recorder, cancellationToken,
                expected: SegmentNotFoundYet);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => SegmentPresence.Exists,
                HttpStatusCode.NotFound => SegmentPresence.Absent,
                _ => SegmentPresence.Unknown,
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return SegmentPresence.Unknown;
        }
    }

    public async Task<SegmentDownload> DownloadSegmentAsync(
        SegmentAccount account, string segmentName, string targetPath, ICallRecorder recorder, CancellationToken cancellationToken)
    {
        var body = new DownloadBody(segmentName);
        string answer;
        HttpStatusCode status;
        try
        {
            using var response = await SendAsync("download segment", InsiderOneContract.AssumedDownloadPath, body, JsonSerializer.Serialize(body, ShownJson), account, recorder, cancellationToken,
                expected: SegmentNotFoundYet);
            status = response.StatusCode;
            answer = await ReadAnswerAsync(response, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return SegmentDownload.Fail(FailureKind.Transient,
                $"Insider One could not be reached at {_options.BaseUrl} to download the segment '{segmentName}' after {_options.MaxRetries + 1} attempts ({exception.Message}).",
                "Nothing was uploaded; run again when Insider One is reachable.");
        }
        var message = UploadAnswer.MessageOf(answer);
        switch ((int)status)
        {
            case 200:
                break;
            case 404 when message.Contains(InsiderOneContract.AssumedSegmentNotFoundMessage, StringComparison.OrdinalIgnoreCase):
                return SegmentDownload.Absent;
            case 404:
                return SegmentDownload.Fail(FailureKind.Internal,
                    $"Insider One's segment download API was not found at {_options.BaseUrl} (404 \"{message}\"); Herald needs it to update a segment. Check Herald:InsiderOne:BaseUrl.");
            case 401:
                return SegmentDownload.Fail(FailureKind.Credential,
                    $"Insider One refused the partner name '{account.PartnerName}' and API token (401 Unauthorized) when Herald asked for the segment's current values. " +
                    "Check the credential's partner name, or rotate the token it holds.");
            case InsiderOneContract.AssumedIpRestrictedStatus:
                return SegmentDownload.Fail(FailureKind.Credential,
                    "Insider One refused the request (403 Forbidden): the API token is restricted to other IP addresses. Allow Herald's outgoing address for the token in InOne.");
            case 429 or >= 500:
                return SegmentDownload.Fail(FailureKind.Transient,
                    $"Insider One kept failing ({(int)status} \"{message}\") after {_options.MaxRetries + 1} attempts when Herald asked for the segment '{segmentName}'s current values.",
                    "Nothing was uploaded; run again later.");
            default:
                return SegmentDownload.Fail(FailureKind.Destination,
                    $"Insider One refused to hand out the segment '{segmentName}'s current values ({(int)status} \"{message}\").",
                    "Nothing was uploaded; check the destination's segment name.");
        }

        var fileUrl = ReadFileUrl(answer);
        if (fileUrl is null)
        {
            return SegmentDownload.Fail(FailureKind.Internal,
                $"Insider One answered the segment download without a usable fileUrl (\"{Truncate(answer)}\"); its API may have changed.",
                "Nothing was uploaded.");
        }
        if (!IsDownloadable(fileUrl))
        {
            await recorder.RecordAsync(new RunCall(clock.GetUtcNow(), "download file", 0, $"GET {MaskQuery(fileUrl)}", null, null, 0, "refused: not an allowed download URL"),
                CancellationToken.None);
            return SegmentDownload.Unreadable(FailureKind.Destination,
                $"Insider One handed out the file URL {MaskQuery(fileUrl)} for the segment '{segmentName}', which Herald does not download: only https URLs on " +
                $"Herald:InsiderOne:DownloadHosts ({string.Join(", ", _options.DownloadHostsOrDefault)}) are fetched.",
                "Nothing was uploaded; if Insider One really serves its files from that host, add it to the setting.");
        }
        return await FetchFileAsync(fileUrl, segmentName, targetPath, recorder, cancellationToken);
    }

    /// <summary>
    /// Streams the segment's CSV to disk. The file URL carries its own credentials (like Herald's signed URLs), so
    /// no token goes with it and the rate limit does not apply; failures are retried like the API's.
    /// </summary>
    private async Task<SegmentDownload> FetchFileAsync(Uri fileUrl, string segmentName, string targetPath, ICallRecorder recorder, CancellationToken cancellationToken)
    {
        var shown = MaskQuery(fileUrl);
        var partial = targetPath + ".part";
        var attempt = 0;
        var pipeline = _files ??= InsiderOneResilience.CreateForFiles(_options, RetryDelays);
        try
        {
            var bytes = await pipeline.ExecuteAsync(async token =>
            {
                attempt++;
                var started = clock.GetTimestamp();
                var at = clock.GetUtcNow();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(_options.DownloadTimeout);
                int? status = null;
                try
                {
                    using var response = await http.GetAsync(fileUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    status = (int)response.StatusCode;
                    if (status is >= 300 and < 400)
                    {
                        // A hop could lead anywhere, the internal network included: redirects are not followed.
                        await recorder.RecordAsync(new RunCall(at, "download file", attempt, $"GET {shown}", status, null,
                            (long)clock.GetElapsedTime(started).TotalMilliseconds, "refused: redirects are not followed"), CancellationToken.None);
                        throw new FileDownloadException(response.StatusCode, refusal: $"the URL answered {status} with a redirect, which Herald does not follow");
                    }
                    if (!response.IsSuccessStatusCode)
                    {
                        await recorder.RecordAsync(new RunCall(at, "download file", attempt, $"GET {shown}", status, null,
                            (long)clock.GetElapsedTime(started).TotalMilliseconds, response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500 ? "transient: will retry if attempts remain" : "refused"),
                            CancellationToken.None);
                        throw new FileDownloadException(response.StatusCode);
                    }
                    long written;
                    await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    {
                        await using var source = await response.Content.ReadAsStreamAsync(timeout.Token);
                        written = await CopyWithinAsync(source, target, _options.MaxDownloadBytes, timeout.Token);
                    }
                    File.Move(partial, targetPath, overwrite: true);
                    await recorder.RecordAsync(new RunCall(at, "download file", attempt, $"GET {shown}", status, $"{written:N0} bytes",
                        (long)clock.GetElapsedTime(started).TotalMilliseconds, "downloaded"), CancellationToken.None);
                    return written;
                }
                catch (HttpRequestException exception) when (exception.InnerException is RefusedAddressException refused)
                {
                    await recorder.RecordAsync(new RunCall(at, "download file", attempt, $"GET {shown}", null, null,
                        (long)clock.GetElapsedTime(started).TotalMilliseconds, "refused: internal address"), CancellationToken.None);
                    throw new FileDownloadException(null, exception, refused.Message);
                }
                catch (Exception exception) when (exception is HttpRequestException or IOException || (exception is OperationCanceledException && !token.IsCancellationRequested))
                {
                    var what = exception is OperationCanceledException ? $"timed out after {_options.DownloadTimeout.TotalSeconds:0.#} s" : $"network error: {exception.Message}";
                    await recorder.RecordAsync(new RunCall(at, "download file", attempt, $"GET {shown}", status, null,
                        (long)clock.GetElapsedTime(started).TotalMilliseconds, what), CancellationToken.None);
                    throw new FileDownloadException(null, exception);
                }
            }, cancellationToken);
            return SegmentDownload.Found(bytes);
        }
        catch (FileDownloadException exception)
        {
            File.Delete(partial);
            var what = exception.Refusal ?? (exception.Status is { } status ? $"{(int)status} {status}" : exception.InnerException?.Message ?? "no answer");
            return SegmentDownload.Unreadable(exception.IsTransient ? FailureKind.Transient : FailureKind.Internal,
                $"Herald could not download the segment '{segmentName}'s current values from the URL Insider One handed out ({what}, after {attempt} attempt(s)).",
                "Nothing was uploaded; run again later.");
        }
    }

    /// <summary>
    /// Copies a download to disk and stops past <paramref name="limit"/> bytes (Herald:InsiderOne:MaxFileBytes × 2), so that
    /// an answer that never ends cannot fill the disk.
    /// </summary>
    private static async Task<long> CopyWithinAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long written = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            written += read;
            if (written > limit)
            {
                throw new FileDownloadException(null, refusal:
                    $"the file is larger than {limit:N0} bytes, twice Insider One's file size limit (Herald:InsiderOne:MaxFileBytes), so Herald stopped reading it");
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return written;
    }

    /// <summary>Whether Herald fetches this URL: https on a download host, or the configured API's own origin.</summary>
    private bool IsDownloadable(Uri url)
    {
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }
        var api = _options.BaseUrl;
        if (url.Scheme == api.Scheme && string.Equals(url.IdnHost, api.IdnHost, StringComparison.OrdinalIgnoreCase) && url.Port == api.Port)
        {
            return true;
        }
        return url.Scheme == Uri.UriSchemeHttps && _options.DownloadHostsOrDefault.Any(host => string.Equals(host, url.IdnHost, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<ConnectionCheck> CheckConnectionAsync(SegmentAccount account, string segmentName, CancellationToken cancellationToken)
    {
        using var lease = await limiters.For(account.ApiToken).AcquireAsync(1, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl, InsiderOneContract.AssumedDownloadPath))
        {
            Content = JsonRequestContent.Of(new DownloadBody(segmentName)),
        };
        request.Headers.Add(InsiderOneContract.PartnerNameHeader, account.PartnerName);
        request.Headers.Add(InsiderOneContract.TokenHeader, account.ApiToken);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var code = (int)response.StatusCode;
            return code switch
            {
                200 => new ConnectionCheck(true, null,
                    $"Insider One accepted the partner name '{account.PartnerName}' and the token; a segment named '{segmentName}' exists in the account already."),
                404 => new ConnectionCheck(true, null,
                    $"Insider One accepted the partner name '{account.PartnerName}' and the token; the segment '{segmentName}' does not exist yet, the first run creates it."),
                401 => new ConnectionCheck(false, FailureKind.Credential,
                    $"Insider One refused the partner name '{account.PartnerName}' and the API token (401 Unauthorized). Check the partner name, or rotate the token in the credential."),
                InsiderOneContract.AssumedIpRestrictedStatus => new ConnectionCheck(false, FailureKind.Credential,
                    "Insider One refused the request (403 Forbidden): the API token is restricted to other IP addresses. Allow Herald's outgoing address for the token in InOne."),
                429 or >= 500 => new ConnectionCheck(false, FailureKind.Transient,
                    $"Insider One answered {code} {response.ReasonPhrase} to the connection test; it may be busy. Try again in a minute."),
                _ => new ConnectionCheck(false, FailureKind.Internal,
                    $"Insider One answered {code} {response.ReasonPhrase} to the connection test at {_options.BaseUrl}. Check Herald:InsiderOne:BaseUrl."),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var what = exception is OperationCanceledException ? $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s" : exception.Message;
            return new ConnectionCheck(false, FailureKind.Transient,
                $"Insider One could not be reached at {_options.BaseUrl} ({what}). Check the network and Herald:InsiderOne:BaseUrl.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync<TBody>(
        string operation, string path, TBody body, string shownRequest, SegmentAccount account, ICallRecorder recorder, CancellationToken cancellationToken,
        RateLimitWait? wait = null, Func<HttpStatusCode, string, string?>? expected = null)
    {
        var pipeline = limiters.PipelineFor(account.ApiToken, limiter => InsiderOneResilience.Create(_options, limiter, RetryDelays));
        var attempt = 0;
        var url = new Uri(_options.BaseUrl, path);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        wait ??= new RateLimitWait();
        context.Properties.Set(RateLimitWait.Key, wait);
        try
        {
            return await pipeline.ExecuteAsync(async (resilience, _) => await AttemptAsync(resilience.CancellationToken), context, 0);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        async ValueTask<HttpResponseMessage> AttemptAsync(CancellationToken token)
        {
            attempt++;
            var started = clock.GetTimestamp();
            var at = clock.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonRequestContent.Of(body) };
            request.Headers.Add(InsiderOneContract.PartnerNameHeader, account.PartnerName);
            request.Headers.Add(InsiderOneContract.TokenHeader, account.ApiToken);
            try
            {
                // Headers first, then at most MaxAnswerBytes of the body: an answer of any size costs Herald a bounded buffer.
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                var answer = await BoundedAnswer.ReplaceAsync(response, BoundedAnswer.MaxBytes, account.ApiToken, token);
                var outcome = expected?.Invoke(response.StatusCode, answer) ?? (response.IsSuccessStatusCode ? "accepted"
                    : response.StatusCode == HttpStatusCode.TooManyRequests ? "rate limited: will wait and try again within Herald:InsiderOne:RateLimitWaitBudget"
                    : InsiderOneResilience.IsTransient(response) ? "transient: will retry if attempts remain" : "refused") + wait.Describe();
                await recorder.RecordAsync(new RunCall(at, operation, attempt, shownRequest, (int)response.StatusCode, Truncate(answer),
                    (long)clock.GetElapsedTime(started).TotalMilliseconds, outcome), CancellationToken.None);
                return response;
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var what = exception is OperationCanceledException ? $"timed out after {_options.RequestTimeout.TotalSeconds:0.#} s" : $"network error: {exception.Message}";
                await recorder.RecordAsync(new RunCall(at, operation, attempt, shownRequest, null, null,
                    (long)clock.GetElapsedTime(started).TotalMilliseconds, what), CancellationToken.None);
                throw;
            }
        }
    }

    // Before a segment's first upload, Insider One does not know it: the look-up's 404 is the answer Herald expects.
    private static string? SegmentNotFoundYet(HttpStatusCode status, string answer) =>
        status == HttpStatusCode.NotFound && UploadAnswer.MessageOf(answer).Contains(InsiderOneContract.AssumedSegmentNotFoundMessage, StringComparison.OrdinalIgnoreCase)
            ? RunCall.ExpectedPrefix + "Insider One holds no such segment yet, as before its first upload"
            : null;

    private static async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 4096 ? text[..4096] : text;
    }

    private static Uri? ReadFileUrl(string answer)
    {
        try
        {
            var url = JsonSerializer.Deserialize<DownloadAnswer>(answer)?.FileUrl;
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A file URL may carry its credentials in the query: the history shows it without.</summary>
    private static string MaskQuery(Uri url) =>
        string.IsNullOrEmpty(url.Query) ? url.GetLeftPart(UriPartial.Path) : url.GetLeftPart(UriPartial.Path) + "?***";

    private static string Truncate(string text) => text.Length <= MaxRecordedResponse ? text : text[..MaxRecordedResponse] + "…";
}
