using Herald.Application.Access;
using Herald.Application.UseCases;

namespace Herald.Server.Web;

/// <summary>
/// Changing one's own password, from the account page or <c>POST /api/me/password</c>: a wrong current password spends
/// one of the client address's failed sign-ins (Herald:Web:SignInFailuresPerMinute), so that the form cannot be used to
/// guess the password of a session left open; once they are spent, every change from that address is refused unchecked.
/// </summary>
internal sealed class ThrottledPasswordChange(UserUseCases users, SignInThrottle throttle)
{
    public const string Refusal =
        "Too many wrong passwords from this address: wait a minute before trying again (Herald:Web:SignInFailuresPerMinute).";

    /// <param name="keepSession">The web session the change came from, which stays signed in; null for an API key.</param>
    public async Task<UseCaseResult<PasswordChanged>> ChangeAsync(
        HttpContext http, Caller caller, string? currentPassword, string? newPassword, string? keepSession, CancellationToken cancellationToken)
    {
        var address = SignInThrottle.AddressOf(http);
        if (!throttle.Allows(address))
        {
            return new Refusal(RefusalKind.Busy, Refusal, []);
        }
        var changed = await users.ChangeOwnPasswordAsync(caller, currentPassword, newPassword, keepSession, cancellationToken);
        if (changed.Refusal?.Problems.Any(p => p.Field == UserUseCases.CurrentPasswordField) == true)
        {
            throttle.Failed(address);
        }
        return changed;
    }
}
