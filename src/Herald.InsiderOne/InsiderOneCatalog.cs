using Herald.Core.Catalog;

namespace Herald.InsiderOne;

/// <summary>Insider One's settings of a stored credential or destination, for the edges that show them (the API's views, the pages).</summary>
public static class InsiderOneCatalog
{
    /// <summary>The destination's segment, attribute, update mode, splitting and shrink guard.</summary>
    public static InsiderOneDestinationSettings InsiderOne(this Destination destination) => InsiderOneDestinationSettings.Of(destination.Settings);

    /// <summary>The credential's partner name.</summary>
    public static InsiderOneCredentialSettings InsiderOne(this Credential credential) => InsiderOneCredentialSettings.Of(credential.Settings);
}
