using Herald.Core.Ports;

namespace Herald.Application.Runs;

/// <summary>Every kind of credential the server knows: those of its destination plugins and the credential-only plugins (snowflake).</summary>
internal sealed class CredentialPlugins(IEnumerable<IDestinationPlugin> destinations, IEnumerable<ICredentialPlugin> others)
{
    private readonly Dictionary<string, ICredentialPlugin> _byId = destinations.Cast<ICredentialPlugin>().Concat(others)
        .GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IReadOnlyCollection<string> Ids => _byId.Keys;

    public bool IsInstalled(string pluginId) => _byId.ContainsKey(pluginId);

    public ICredentialPlugin For(string pluginId) =>
        _byId.TryGetValue(pluginId, out var plugin) ? plugin
            : throw new InvalidOperationException($"No credential plugin '{pluginId}' is installed; this server knows {string.Join(", ", _byId.Keys)}.");
}
