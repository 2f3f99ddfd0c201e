using System.Security.Claims;
using System.Text.Encodings.Web;
using Herald.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Herald.Server.Security;

/// <summary>
/// The API key as an authentication scheme, so that <c>/api</c> is authorized before routing binds anything: a request
/// without the key is answered 401 before its body is read, whatever the body holds.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKey apiKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HeraldApiKey";

    public const string Policy = "HeraldApi";

    private static readonly ClaimsPrincipal Holder = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "API key holder")], SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(apiKey.Matches(Request)
            ? AuthenticateResult.Success(new AuthenticationTicket(Holder, SchemeName))
            : AuthenticateResult.NoResult());

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await Api.ApiResults.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized,
            $"Missing or wrong API key. Send it in the {ApiKey.Header} header; the server wrote it to {ApiKeyFile.FileName} in its data directory.");
    }
}
