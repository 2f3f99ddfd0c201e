using System.Text.Json;
using Herald.Application.Runs;
using Herald.Application.UseCases;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.Server.Hosting;
using Herald.Server.Security;
using Microsoft.Extensions.Options;

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
        app.MapPost(Route, async (string runId, string secret, HttpRequest request, CallbackSecrets secrets, ReportUseCases reports,
            ILoggerFactory loggers, IOptions<HeraldOptions> options, CancellationToken ct) =>
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
            var report = await ReadReportAsync(request, options.Value.Api.MaxCallbackBytes, ct);
            if (report.Problem is { } problem)
            {
                logger.LogWarning("Refused a malformed callback for run {RunId}: {Problem}", id, problem);
                return ApiResults.Problem(StatusCodes.Status400BadRequest, problem);
            }

            var received = await reports.ReceiveAsync(Callers.InsiderOne(request.HttpContext), id,
                new ReceivedReport(report.SegmentName, report.Valid, report.Invalid, report.Total, report.Body), ct);
            if (!received.Succeeded)
            {
                if (received.Refusal.Kind == RefusalKind.NotFound)
                {
                    return ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown run.");
                }
                logger.LogWarning("Refused a callback for run {RunId}: {Problem}", id, received.Refusal.Message);
                return ApiResults.Problem(StatusCodes.Status400BadRequest, received.Refusal.Message);
            }
            return received.Value.Outcome switch
            {
                ReportOutcome.NotExpected => ApiResults.Problem(StatusCodes.Status409Conflict, "This run has not submitted a segment yet."),
                ReportOutcome.Impossible => ApiResults.Problem(StatusCodes.Status400BadRequest, received.Value.Problem ?? "The counts cannot be true."),
                _ => Results.Ok(new { status = received.Value.Run.State.ToWireName() }),
            };
        }).WithTags("Insider One").WithSummary("Insider One's report on a submitted segment (the URL's per-run secret authenticates it)")
            .Accepts<InsiderOneReportBody>("application/json").Produces(200).Problems(400, 403, 404, 409, 413)
            .AddEndpointFilter(async (context, next) =>
            {
                // Counted once the answer's status is known: accepted (2xx) or refused, never with the run or the secret.
                var response = context.HttpContext.Response;
                response.OnStarting(() =>
                {
                    Herald.Application.Telemetry.HeraldTelemetry.CallbacksReceived.Add(1,
                        new KeyValuePair<string, object?>("outcome", response.StatusCode is >= 200 and < 300 ? "accepted" : "refused"));
                    return Task.CompletedTask;
                });
                return await next(context);
            });
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
