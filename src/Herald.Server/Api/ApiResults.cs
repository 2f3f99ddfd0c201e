using Herald.Application.UseCases;
using Herald.Core.Runs;

namespace Herald.Server.Api;

internal static class ApiResults
{
    /// <summary>An error answer as problem details (<see cref="ApiProblem"/>): the status, the sentence, the problems one per line.</summary>
    public static IResult Problem(int status, string detail, IReadOnlyList<string>? errors = null) =>
        Results.Problem(detail: detail, statusCode: status,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>Writes an error answer from middleware (authentication, body limits, the exception handler).</summary>
    public static Task WriteProblemAsync(HttpContext context, int status, string detail) => Problem(status, detail).ExecuteAsync(context);

    public static IResult Invalid(string what, IReadOnlyList<string> errors) =>
        Problem(StatusCodes.Status400BadRequest, $"The {what} was not saved: {errors.Count} problem(s) to fix.", errors);

    public static IResult NotFound(string what, string key) =>
        Problem(StatusCodes.Status404NotFound, $"No {what} named '{key}'. List them with: herald {what} list.");

    /// <summary>A use case's refusal as the API says it: the kind decides the status, the edge adds the CLI's advice.</summary>
    public static IResult From(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.NotFound when refusal is { Subject: { } subject, Key: { } key } => NotFound(subject, key),
        RefusalKind.NotFound => Problem(StatusCodes.Status404NotFound, refusal.Message),
        RefusalKind.Invalid when refusal.Problems.Count > 1 || refusal.Problems is [{ } only] && only.Message != refusal.Message =>
            Problem(StatusCodes.Status400BadRequest, refusal.Message, [.. refusal.Problems.Select(p => p.Message)]),
        RefusalKind.Invalid => Problem(StatusCodes.Status400BadRequest, refusal.Message),
        // A conflict with parts (a sandbox's pull: one per field) lists them, as an invalid request does.
        RefusalKind.Conflict => Problem(StatusCodes.Status409Conflict, refusal.Message, refusal.Problems.Count > 0 ? [.. refusal.Problems.Select(p => p.Message)] : null),
        RefusalKind.Busy => Problem(StatusCodes.Status429TooManyRequests, refusal.Message),
        RefusalKind.Forbidden => Problem(StatusCodes.Status403Forbidden, refusal.Message),
        _ => Problem(StatusCodes.Status502BadGateway, refusal.Message),
    };

    /// <summary>A started run (202 with where to follow it), or the refusal.</summary>
    public static IResult Started(UseCaseResult<Run> started) =>
        started.Succeeded ? Results.Accepted($"/api/runs/{started.Value.Id}", started.Value.ToView([])) : From(started.Refusal);
}
