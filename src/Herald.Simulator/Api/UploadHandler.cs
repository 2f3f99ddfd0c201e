using Herald.Simulator.Processing;
using Herald.Simulator.State;

namespace Herald.Simulator.Api;

/// <summary><c>POST /fps/v1/upload</c>, with the checks of insider-one.md section 1 in the order a caller meets them.</summary>
internal sealed class UploadHandler(
    ApiGate apiGate,
    SimulatorFaults faults,
    SimulatorState state,
    SegmentProcessor processor,
    BackgroundWork background,
    TimeProvider time)
{
    private static readonly string[] Fields =
        [InsiderOneContract.SegmentName, InsiderOneContract.FileUrl, InsiderOneContract.CallbackUrl, InsiderOneContract.AttributeName];

    public async Task<ApiAnswer> HandleAsync(HttpContext context, string? body)
    {
        var uploadDelay = faults.UploadDelay;
        if (uploadDelay > TimeSpan.Zero)
        {
            await Task.Delay(uploadDelay, time, context.RequestAborted);
        }

        // Injected faults come first: they stand for the service or its gateway being in trouble.
        if (faults.TryTakeUploadFailure(out var failStatus))
        {
            return ApiAnswer.Failure(failStatus);
        }

        if (faults.TryTakeUploadRateLimit(out var retryAfter))
        {
            return ApiAnswer.TooManyRequests(retryAfter);
        }

        if (!apiGate.TryAdmit(context, out var account, out var refusal))
        {
            return refusal;
        }

        if (JsonPayload.TryReadFields(context.Request.ContentType, body, Fields) is not { } fields)
        {
            return ApiAnswer.InvalidPayload;
        }

        var segmentName = fields[InsiderOneContract.SegmentName];
        var fileUrl = fields[InsiderOneContract.FileUrl];
        var callbackUrl = fields[InsiderOneContract.CallbackUrl];
        if (segmentName.Length > InsiderOneContract.MaxSegmentNameLength)
        {
            return ApiAnswer.BadRequest(SimulatorAssumptions.SegmentNameTooLong);
        }

        if (!IsHttpUrl(fileUrl) || !fileUrl.Contains(SimulatorAssumptions.FileUrlMarker, StringComparison.Ordinal))
        {
            return ApiAnswer.BadRequest(SimulatorAssumptions.FileUrlInvalid);
        }

        if (!IsHttpUrl(callbackUrl))
        {
            return ApiAnswer.BadRequest(SimulatorAssumptions.CallbackUrlInvalid);
        }

        var job = state.TryAcceptUpload(
            account.PartnerName, account.Token, segmentName, fileUrl, callbackUrl, fields[InsiderOneContract.AttributeName]);
        if (job is null)
        {
            return ApiAnswer.SegmentNameInUse;
        }

        background.Start(cancellationToken => processor.ProcessAsync(job, cancellationToken));
        return ApiAnswer.Ok;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
