using System.Security.Claims;
using Herald.Server.Security;

namespace Herald.Server.Web.Display;

/// <summary>
/// Whether the signed-in user may do an action, for pages to hide what it may not. Hiding is a courtesy: the use case
/// refuses the action anyway, whatever a hand-made form posts.
/// </summary>
internal static class Permissions
{
    public static bool May(this ClaimsPrincipal user, string action) => CallerClaims.GrantOf(user).Allows(action);
}
