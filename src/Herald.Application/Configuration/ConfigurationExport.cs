namespace Herald.Application.Configuration;

/// <summary>The catalog as a document and as the file's text (<see cref="ConfigurationYaml.Write"/>).</summary>
public sealed record ConfigurationExport(CatalogDocument Document, string Yaml);
