using System.Net;
using Herald.Server.Api;

namespace Herald.Cli.Client;

/// <summary>The server answered with an error; <see cref="Error"/> is what it said, to show as is.</summary>
internal sealed class HeraldApiException(HttpStatusCode statusCode, ApiProblem error)
    : Exception(error.Message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public ApiProblem Error { get; } = error;

    /// <summary>The request was wrong (4xx), as opposed to the server failing (5xx).</summary>
    public bool IsClientError => (int)StatusCode is >= 400 and < 500;
}
