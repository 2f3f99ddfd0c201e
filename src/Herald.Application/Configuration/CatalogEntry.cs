namespace Herald.Application.Configuration;

/// <summary>
/// One thing of the catalog as the configuration file and a sandbox's difference see it: a kind, a name (unique within
/// the kind, and how two catalogs are matched) and its fields as text, with no ids, times or secrets.
/// </summary>
public interface ICatalogEntry
{
    /// <summary><c>credential</c>, <c>destination</c> or <c>orchestration</c>.</summary>
    string Kind { get; }

    string Name { get; }

    /// <summary>
    /// Every field by name, each as text (a plugin's setting as <c>settings.NAME</c> holding its JSON), absent ones
    /// left out: two entries are the same exactly when these are.
    /// </summary>
    IReadOnlyDictionary<string, string> Fields();
}
