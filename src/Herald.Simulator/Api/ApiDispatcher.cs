using System.Globalization;
using System.Text.Json;
using Herald.Simulator.State;

namespace Herald.Simulator.Api;

/// <summary>Takes every request under <c>/fps/v1</c>, sends it to its handler, and records it with its answer
/// before answering, so that a caller that has its answer also finds the request in the record.</summary>
internal sealed class ApiDispatcher(UploadHandler uploads, DownloadHandler downloads, SimulatorState state, TimeProvider time)
{
    public const string PathPrefix = "/fps/v1";
    private const string MaskedToken = "***";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await RequestBodyReader.ReadAsync(request, context.RequestAborted);
        var answer = await AnswerAsync(context, body);
        var responseBody = JsonSerializer.Serialize(answer.Body, answer.Body.GetType());

        state.Record(new ReceivedRequest(
            request.Method,
            request.Path.Value ?? "",
            HeadersOf(request),
            body ?? "",
            answer.Status,
            responseBody,
            context.Connection.RemoteIpAddress?.ToString(),
            time.GetUtcNow()));

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(responseBody, context.RequestAborted);
    }

    private async Task<ApiAnswer> AnswerAsync(HttpContext context, string? body)
    {
        var path = context.Request.Path.Value;
        var isPost = HttpMethods.IsPost(context.Request.Method);
        if (isPost && context.Request.ContentLength is null)
        {
            // A gateway that reads only Content-Length sees a chunked body as empty; refuse it as such gateways do.
            return ApiAnswer.LengthRequired;
        }
        if (string.Equals(path, InsiderOneContract.UploadPath, StringComparison.OrdinalIgnoreCase))
        {
            return isPost ? await uploads.HandleAsync(context, body) : ApiAnswer.MethodNotAllowed;
        }

        if (string.Equals(path, SimulatorAssumptions.DownloadPath, StringComparison.OrdinalIgnoreCase))
        {
            return isPost ? downloads.Handle(context, body) : ApiAnswer.MethodNotAllowed;
        }

        return ApiAnswer.NotFound;
    }

    private static Dictionary<string, string> HeadersOf(HttpRequest request) =>
        request.Headers.ToDictionary(
            header => header.Key,
            header => string.Equals(header.Key, InsiderOneContract.TokenHeader, StringComparison.OrdinalIgnoreCase)
                ? MaskedToken
                : header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
}
