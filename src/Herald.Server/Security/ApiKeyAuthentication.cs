using System.Security.Claims;
using System.Text.Encodings.Web;
using Herald.Application.Access;
using Herald.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Herald.Server.Security;

/// <summary>
/// The API key as an authentication scheme, so that <c>/api</c> is authorized before routing binds anything: a request
/// without the key is answered 401 before its body is read, whatever the body holds.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserUseCases users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HeraldApiKey";

    public const string Policy = "HeraldApi";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync() =>
        await users.AuthenticateKeyAsync(ApiKey.Given(Request), Context.RequestAborted) is { } signedIn
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(CallerClaims.Of(signedIn), SchemeName)), SchemeName))
            : AuthenticateResult.NoResult();

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await Api.ApiResults.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized,
            $"Missing, wrong, revoked or disabled user's API key. Send a key in the {ApiKey.Header} header: an administrator makes one with 'herald apikey create'; the first administrator's is in {ApiKeyFile.FileName} in the data directory.");
    }
}
