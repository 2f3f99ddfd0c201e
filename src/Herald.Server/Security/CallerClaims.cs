using System.Security.Claims;
using Herald.Application.Access;

namespace Herald.Server.Security;

/// <summary>
/// A signed-in user as claims: its name, id, policies and the actions it may do, resolved at authentication (by key on
/// each API request, from the server's copy of the user on each web request), so that a disabled user or a changed
/// policy takes effect at once.
/// </summary>
internal static class CallerClaims
{
    public const string UserId = "herald:user-id";
    public const string Policy = "herald:policy";
    public const string Action = "herald:action";

    public static IEnumerable<Claim> Of(SignedInUser signedIn) =>
    [
        new Claim(ClaimTypes.Name, signedIn.User.Name),
        new Claim(UserId, signedIn.User.Id.ToString()),
        .. signedIn.Grant.Policies.Select(p => new Claim(Policy, p)),
        .. signedIn.Grant.Actions.Select(a => new Claim(Action, a)),
    ];

    /// <summary>The grant the claims carry; nothing for a principal without them.</summary>
    public static Grant GrantOf(ClaimsPrincipal principal) => new(
        principal.FindAll(Action).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        [.. principal.FindAll(Policy).Select(c => c.Value)]);
}
