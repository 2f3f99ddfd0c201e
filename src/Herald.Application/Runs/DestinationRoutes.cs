using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Application.Runs;

/// <summary>What a destination's settings mean to the run engine, read by the plugin of its credential: Herald never reads a plugin's settings itself.</summary>
internal sealed class DestinationRoutes(ICatalogStore catalog, DestinationPlugins plugins)
{
    /// <summary>The destination's plugin and route, and the name of its credential.</summary>
    /// <exception cref="FormatException">The stored settings do not pass the plugin's rules.</exception>
    public async Task<(IDestinationPlugin Plugin, SegmentRoute Route, string? CredentialName)> OfAsync(Destination destination, CancellationToken cancellationToken)
    {
        // A credential in use cannot be removed (the store refuses it), so a destination's credential is there.
        var credential = await catalog.GetCredentialAsync(destination.CredentialId, cancellationToken);
        var plugin = plugins.For(credential?.Plugin ?? Plugins.InsiderOne);
        return (plugin, plugin.RouteOf(destination.Settings), credential?.Name);
    }
}
