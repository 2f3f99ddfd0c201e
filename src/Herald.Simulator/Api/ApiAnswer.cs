using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Herald.Simulator.Api;

/// <summary>The answer to one API request, built before it is written so that it can be recorded first.</summary>
internal sealed record ApiAnswer(int Status, object Body, int? RetryAfterSeconds = null)
{
    public static readonly ApiAnswer Ok = new(StatusCodes.Status200OK, new StatusMessageBody(InsiderOneContract.Ok));
    public static readonly ApiAnswer Unauthorized = new(StatusCodes.Status401Unauthorized, new StatusMessageBody(InsiderOneContract.Unauthorized));
    public static readonly ApiAnswer InvalidPayload = new(StatusCodes.Status405MethodNotAllowed, new ErrorBody(InsiderOneContract.InvalidPayload));
    public static readonly ApiAnswer SegmentNameInUse = BadRequest(InsiderOneContract.SegmentNameInUse);
    public static readonly ApiAnswer PartnerNameMissing = BadRequest(SimulatorAssumptions.PartnerNameMissing);
    public static readonly ApiAnswer Forbidden = new(StatusCodes.Status403Forbidden, new StatusMessageBody(SimulatorAssumptions.Forbidden));
    public static readonly ApiAnswer SegmentNotFound = new(StatusCodes.Status404NotFound, new StatusMessageBody(SimulatorAssumptions.SegmentNotFound));
    public static readonly ApiAnswer NotFound = new(StatusCodes.Status404NotFound, new StatusMessageBody(SimulatorAssumptions.NotFound));
    public static readonly ApiAnswer MethodNotAllowed = new(StatusCodes.Status405MethodNotAllowed, new ErrorBody(SimulatorAssumptions.MethodNotAllowed));
    public static readonly ApiAnswer LengthRequired = new(StatusCodes.Status411LengthRequired, new ErrorBody(SimulatorAssumptions.LengthRequired));
    public static readonly ApiAnswer ServiceUnavailable = new(StatusCodes.Status503ServiceUnavailable, new StatusMessageBody(SimulatorAssumptions.ServiceUnavailable));

    public static ApiAnswer BadRequest(string message) => new(StatusCodes.Status400BadRequest, new StatusMessageBody(message));

    public static ApiAnswer TooManyRequests(int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, new ErrorBody(SimulatorAssumptions.TooManyRequests), retryAfterSeconds);

    /// <summary>An injected failure; its body is the status's reason phrase, as a gateway would answer.</summary>
    public static ApiAnswer Failure(int status) =>
        new(status, new StatusMessageBody(ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : ((HttpStatusCode)status).ToString()));
}
