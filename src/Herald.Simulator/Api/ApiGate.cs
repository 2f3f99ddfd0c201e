using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Herald.Simulator.Api;

/// <summary>The checks every API call passes before its body is looked at: partner name, token, caller address
/// and the per-token rate limit, in that order.</summary>
internal sealed class ApiGate(IReadOnlyList<ApiAccount> accounts, TokenRateLimiter rateLimiter)
{
    public bool TryAdmit(HttpContext context, [NotNullWhen(true)] out ApiAccount? account, [NotNullWhen(false)] out ApiAnswer? refusal)
    {
        account = null;
        var partnerName = context.Request.Headers[InsiderOneContract.PartnerNameHeader].ToString();
        if (string.IsNullOrWhiteSpace(partnerName))
        {
            refusal = ApiAnswer.PartnerNameMissing;
            return false;
        }

        // Exact comparison: partner names are lowercase, so "Herald-Demo" is no partner at all.
        var token = context.Request.Headers[InsiderOneContract.TokenHeader].ToString();
        account = accounts.FirstOrDefault(candidate =>
            string.Equals(candidate.PartnerName, partnerName, StringComparison.Ordinal) && SameSecret(candidate.Token, token));
        if (account is null)
        {
            refusal = ApiAnswer.Unauthorized;
            return false;
        }

        if (!account.Allows(context.Connection.RemoteIpAddress))
        {
            refusal = ApiAnswer.Forbidden;
            return false;
        }

        // After authentication (assumed): a caller without a valid token learns that first, and cannot use up a
        // real token's allowance.
        if (!rateLimiter.TryAcquire(account.Token))
        {
            refusal = ApiAnswer.TooManyRequests(SimulatorAssumptions.RateLimitRetryAfterSeconds);
            return false;
        }

        refusal = null;
        return true;
    }

    private static bool SameSecret(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
