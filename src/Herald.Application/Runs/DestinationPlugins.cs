using Herald.Core.Ports;

namespace Herald.Application.Runs;

/// <summary>The destination plugins the server was composed with, found by the id a credential stores.</summary>
internal sealed class DestinationPlugins(IEnumerable<IDestinationPlugin> plugins)
{
    private readonly Dictionary<string, IDestinationPlugin> _byId = plugins.ToDictionary(p => p.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Ids => _byId.Keys;

    public bool IsInstalled(string pluginId) => _byId.ContainsKey(pluginId);

    public IDestinationPlugin For(string pluginId) =>
        _byId.TryGetValue(pluginId, out var plugin) ? plugin
            : throw new InvalidOperationException($"No destination plugin '{pluginId}' is installed; this server knows {string.Join(", ", _byId.Keys)}.");
}
