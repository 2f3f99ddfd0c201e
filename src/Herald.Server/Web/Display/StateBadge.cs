using System.Net;
using Microsoft.AspNetCore.Html;

namespace Herald.Server.Web.Display;

/// <summary>A run's state as a coloured badge; in-flight states carry a pulse so they read as "moving".</summary>
internal static class StateBadge
{
    public static readonly IReadOnlyList<string> States =
        ["queued", "building", "comparing", "staging", "submitting", "awaiting_report", "succeeded", "failed", "cancelled"];

    public static bool IsFinal(string state) => state is "succeeded" or "failed" or "cancelled";

    public static IHtmlContent Of(string state)
    {
        var css = States.Contains(state) ? state.Replace('_', '-') : "unknown";
        var moving = IsFinal(state) ? "" : " in-flight";
        return new HtmlString($"<span class=\"badge state-{css}{moving}\" data-state=\"{WebUtility.HtmlEncode(state)}\">{WebUtility.HtmlEncode(Format.StateLabel(state))}</span>");
    }
}
