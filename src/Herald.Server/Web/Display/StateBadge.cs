using System.Net;
using Microsoft.AspNetCore.Html;

namespace Herald.Server.Web.Display;

/// <summary>A run's or a bridge sync's state as a coloured badge; in-flight states carry a pulse so they read as
/// "moving". A sync's loading and sharing are in flight like a run's building and submitting.</summary>
internal static class StateBadge
{
    public static readonly IReadOnlyList<string> States =
        ["queued", "building", "comparing", "staging", "submitting", "awaiting_report", "loading", "sharing", "succeeded", "failed", "cancelled"];

    public static bool IsFinal(string state) => state is "succeeded" or "failed" or "cancelled";

    public static IHtmlContent Of(string state)
    {
        var css = States.Contains(state) ? state.Replace('_', '-') : "unknown";
        var moving = IsFinal(state) ? "" : " in-flight";
        return new HtmlString($"<span class=\"badge state-{css}{moving}\" data-state=\"{WebUtility.HtmlEncode(state)}\">{WebUtility.HtmlEncode(Format.StateLabel(state))}</span>");
    }
}
