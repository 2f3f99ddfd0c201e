using Herald.Application.UseCases;
using Herald.Core.Catalog;

namespace Herald.Application.Access;

/// <summary>
/// A destination's two access settings (access.md): Admin only hides it, and the orchestrations sending to it, from
/// callers without <see cref="HeraldActions.DestinationAdminOnly"/>; with its PII setting off, a caller whose policy
/// restricts personal data may not send to it.
/// </summary>
internal static class DestinationAccess
{
    /// <summary>Whether the caller may see (and so use) the destination.</summary>
    public static bool MaySee(Caller caller, Destination destination) =>
        !destination.AdminOnly || caller.Grant.Allows(HeraldActions.DestinationAdminOnly);

    /// <summary>
    /// Why the caller may not send to the destination (a run of an orchestration, a send, a run again), or null when
    /// they may: an admin-only destination they cannot see is not found, a PII refusal says which setting decides.
    /// </summary>
    public static Refusal? SendDenied(Caller caller, Destination destination)
    {
        if (!MaySee(caller, destination))
        {
            return Refusal.NotFound("destination", destination.Name);
        }
        if (caller.Grant.RestrictsPii && !destination.PiiAllowed)
        {
            return new Refusal(RefusalKind.Forbidden,
                $"'{caller.Name}' may not send to the destination '{destination.Name}': your policy restricts personal data (PII), and the " +
                "destination's PII setting is off. Ask an Operator to turn on its PII setting (limited access to PII for this destination), or to send it for you.",
                []) { Subject = "destination", Key = destination.Name, Action = HeraldActions.PiiView };
        }
        return null;
    }
}
