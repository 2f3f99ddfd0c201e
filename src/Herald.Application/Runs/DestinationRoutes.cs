using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Application.Runs;

/// <summary>What a destination's settings mean to the run engine, read by the plugin of its credential: Herald never reads a plugin's settings itself.</summary>
internal sealed class DestinationRoutes(ICatalogStore catalog, DestinationPlugins plugins)
{
    /// <summary>The destination's plugin and route.</summary>
    /// <exception cref="FormatException">The stored settings do not pass the plugin's rules.</exception>
    public async Task<(IDestinationPlugin Plugin, SegmentRoute Route)> OfAsync(Destination destination, CancellationToken cancellationToken)
    {
        // A credential in use cannot be removed (the store refuses it), so a destination's credential is there.
        var pluginId = (await catalog.GetCredentialAsync(destination.CredentialId, cancellationToken))?.Plugin ?? Plugins.InsiderOne;
        var plugin = plugins.For(pluginId);
        return (plugin, plugin.RouteOf(destination.Settings));
    }
}
