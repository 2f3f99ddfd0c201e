using Herald.Simulator.State;

namespace Herald.Simulator.Api;

/// <summary><c>POST /fps/v1/download</c>, the assumed contract of insider-one.md section 4: a segment of the caller's
/// account answers a URL to a CSV of its current values.</summary>
internal sealed class DownloadHandler(ApiGate apiGate, SimulatorFaults faults, SimulatorState state)
{
    public const string SegmentNameField = "segmentName";

    /// <summary>Where the files are served; <see cref="FileUrl"/> and the endpoint that serves them agree on it.</summary>
    public const string FilesPath = "/_simulator/files";

    public ApiAnswer Handle(HttpContext context, string? body)
    {
        if (faults.RefuseDownloads)
        {
            return ApiAnswer.ServiceUnavailable;
        }

        if (!apiGate.TryAdmit(context, out var account, out var refusal))
        {
            return refusal;
        }

        if (JsonPayload.TryReadFields(context.Request.ContentType, body, SegmentNameField) is not { } fields)
        {
            return ApiAnswer.InvalidPayload;
        }

        if (state.Find(account.PartnerName, fields[SegmentNameField]) is not { } segment)
        {
            return ApiAnswer.SegmentNotFound;
        }

        // A copy of the values as they are now, like an export: a later upload does not change a URL handed out.
        var fileId = state.PublishFile(segment.Values);
        return new ApiAnswer(StatusCodes.Status200OK, new FileUrlBody(FileUrl(context.Request, fileId)));
    }

    // The caller's own view of our address, which works even when the simulator listens on 0.0.0.0.
    private static string FileUrl(HttpRequest request, string fileId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{FilesPath}/{fileId}.csv";
}
