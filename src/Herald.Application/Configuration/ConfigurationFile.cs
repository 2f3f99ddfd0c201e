namespace Herald.Application.Configuration;

/// <summary>A configuration file read: its document, or what is wrong with it (each problem naming its line); never both.</summary>
public sealed record ConfigurationFile(CatalogDocument? Document, IReadOnlyList<string> Problems);
