using Herald.Core.Catalog;

namespace Herald.Server.Web.Display;

/// <summary>The destination plugins as the UI names them.</summary>
internal static class PluginNames
{
    public static readonly IReadOnlyList<PluginChoice> All =
    [
        new(Plugins.InsiderOne, "Insider One", "First-party segments through Insider One's API (audiences of emails, phone numbers or any attribute)."),
    ];

    public static string Of(string plugin) => All.FirstOrDefault(p => p.Id == plugin)?.Name ?? plugin;
}

internal sealed record PluginChoice(string Id, string Name, string Description);
