using System.Text.Json;
using Herald.Application.Runs;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Server.Security;

namespace Herald.Server.Api;

/// <summary>
/// Insider One's report on a segment (insider-one.md section 3). The per-run secret in the URL is its only
/// authentication, so it is checked before anything is read; a duplicate changes nothing and still gets a 2xx
/// so that Insider One stops sending it.
/// </summary>
internal static class CallbackEndpoint
{
    public const string PathPrefix = "/callbacks/insider-one";
    public const string Route = PathPrefix + "/{runId}/{secret}";

    public static void MapCallbackEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, async (string runId, string secret, HttpRequest request, CallbackSecrets secrets, IRunStore runs,
            RunUpdater updater, TimeProvider clock, ILoggerFactory loggers, Microsoft.Extensions.Options.IOptions<Hosting.HeraldOptions> options, ICatalogStore catalog, CancellationToken ct) =>
        {
            var logger = loggers.CreateLogger("Herald.Callbacks");
            if (!Guid.TryParseExact(runId, "N", out var id) && !Guid.TryParse(runId, out id))
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown run.");
            }
            if (!secrets.Verify(id, secret))
            {
                logger.LogWarning("Refused a callback for run {RunId} with a wrong secret", id);
                return ApiResults.Problem(StatusCodes.Status403Forbidden, "The callback URL's secret is not valid for this run.");
            }
            if (await runs.GetAsync(id, ct) is not { } run)
            {
                return ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown run.");
            }
            var report = await ReadReportAsync(request, options.Value.Api.MaxCallbackBytes, ct);
            if (report.Problem is { } problem)
            {
                logger.LogWarning("Refused a malformed callback for run {RunId}: {Problem}", id, problem);
                return ApiResults.Problem(StatusCodes.Status400BadRequest, problem);
            }
            // The report names the segment: the run's one segment, or one of the parts of a split audience.
            if (run.Parts.Count == 0 ? report.SegmentName != run.Origin.SegmentName : run.FindPart(report.SegmentName) is null)
            {
                logger.LogWarning("Refused a callback for run {RunId} about another segment", id);
                return ApiResults.Problem(StatusCodes.Status400BadRequest, "The callback is about another segment than this run's.");
            }

            var (updated, outcome) = await updater.UpdateAsync(id, r => r.ReceiveReport(report.SegmentName, report.Valid, report.Invalid, report.Total, clock.GetUtcNow()), ct);
            // A callback may echo the token like any answer: the run records it without.
            var shown = await RedactedAsync(report.Body, catalog, run.Origin.CredentialId, ct);
            var call = new RunCall(clock.GetUtcNow(), "callback", 1, shown, outcome == ReportOutcome.Impossible ? 400 : 200, null, 0, outcome switch
            {
                ReportOutcome.Recorded => "recorded",
                ReportOutcome.RecordedLate => "recorded after the deadline",
                ReportOutcome.AlreadyFinal => "duplicate: the run was final already; nothing changed",
                ReportOutcome.Duplicate => "duplicate: this segment's report was recorded already; nothing changed",
                ReportOutcome.Conflicting => "different from the first report on this segment: noted in the history; the first report stands",
                ReportOutcome.UnknownSegment => "ignored: the run did not upload this segment",
                ReportOutcome.Impossible => "refused: the counts cannot be true; nothing changed",
                _ => "ignored: the run was not submitted",
            });
            if (outcome is ReportOutcome.Recorded or ReportOutcome.RecordedLate)
            {
                await runs.AppendCallAsync(id, call, ct);
            }
            else
            {
                // A replay changes nothing: it is counted on the call it repeats, never stored again.
                await runs.CountRepeatedCallAsync(id, call, ct);
            }
            return outcome switch
            {
                ReportOutcome.NotExpected => ApiResults.Problem(StatusCodes.Status409Conflict, "This run has not submitted a segment yet."),
                ReportOutcome.Impossible => ApiResults.Problem(StatusCodes.Status400BadRequest,
                    updated.History.Last(e => e.Reason.StartsWith(Run.RefusedReportNote, StringComparison.Ordinal)).Reason),
                _ => Results.Ok(new { status = updated.State.ToWireName() }),
            };
        });
    }

    private static async Task<string> RedactedAsync(string body, ICatalogStore catalog, Guid credentialId, CancellationToken ct)
    {
        try
        {
            return Herald.InsiderOne.TokenRedaction.Redact(body, await catalog.RevealSecretAsync(credentialId, Herald.InsiderOne.InsiderOneCredentialSettings.ApiTokenSecret, ct));
        }
        catch (KeyNotFoundException)
        {
            // The credential was deleted since: its token is nowhere left to leak, and the report still counts.
            return body;
        }
    }

    private static async Task<CallbackReport> ReadReportAsync(HttpRequest request, int maxBodyBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return CallbackReport.Malformed("The callback body is too large.");
        }
        using var reader = new StreamReader(request.Body);
        var buffer = new char[maxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        if (read > maxBodyBytes)
        {
            return CallbackReport.Malformed("The callback body is too large.");
        }
        var body = new string(buffer, 0, read);
        try
        {
            // A key given twice could mean one count to Herald and another to whoever else reads the body: refused.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("segment_name", out var name) || name.ValueKind != JsonValueKind.String
                || !TryCount(root, "valid_values_count", out var valid)
                || !TryCount(root, "invalid_values_count", out var invalid)
                || !TryCount(root, "total_entered_values", out var total))
            {
                return CallbackReport.Malformed("The callback must be a JSON object with segment_name, valid_values_count, invalid_values_count and total_entered_values.");
            }
            return new CallbackReport(name.GetString()!, valid, invalid, total, body, null);
        }
        catch (JsonException exception) when (exception.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return CallbackReport.Malformed("The callback body names a field more than once; each field may appear once.");
        }
        catch (JsonException)
        {
            return CallbackReport.Malformed("The callback body is not JSON.");
        }
    }

    private static bool TryCount(JsonElement root, string name, out long count)
    {
        count = 0;
        return root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out count) && count >= 0;
    }

    private sealed record CallbackReport(string SegmentName, long Valid, long Invalid, long Total, string Body, string? Problem)
    {
        public static CallbackReport Malformed(string problem) => new("", 0, 0, 0, "", problem);
    }
}
