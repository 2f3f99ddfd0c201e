namespace Herald.Server.Api;

internal static class ApiResults
{
    public static IResult Problem(int status, string error, IReadOnlyList<string>? errors = null) =>
        Results.Json(new ApiError(error, errors), statusCode: status);

    public static IResult Invalid(string what, IReadOnlyList<string> errors) =>
        Problem(StatusCodes.Status400BadRequest, $"The {what} was not saved: {errors.Count} problem(s) to fix.", errors);

    public static IResult NotFound(string what, string key) =>
        Problem(StatusCodes.Status404NotFound, $"No {what} named '{key}'. List them with: herald {what} list.");
}
