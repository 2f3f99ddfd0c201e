using System.Text.RegularExpressions;
using System.Xml.Linq;
using Herald.Tests.Support;

namespace Herald.Tests.Architecture;

/// <summary>
/// Rules of docs/architecture.md that the compiler does not check, read from the sources: reasons name no command
/// line (the edges write the advice), long files say why they are long, and the inner projects' files reference
/// nothing they may not.
/// </summary>
public sealed partial class SourceRulesTests
{
    /// <summary>The projects whose messages become run reasons and refusals: no CLI syntax may reach them.</summary>
    private static readonly string[] InnerProjects =
        ["Herald.Core", "Herald.Application", "Herald.InsiderOne", "Herald.Sources.DuckDb", "Herald.Storage", "Herald.Snowflake"];

    [Fact]
    public void ReasonsAndPluginMessages_NameNoCommandLine()
    {
        var offending = InnerProjects.SelectMany(RepositoryFiles.SourcesOf)
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && CommandLine().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepositoryFiles.Root, l.path)}:{l.number}: {l.line.Trim()}")
            .ToList();

        offending.ShouldBeEmpty("reasons state what happened; the API, the pages and the CLI write the advice (docs/architecture.md)");
    }

    [Fact]
    public void SourceFiles_Over250Lines_SayWhyAtTheirTop()
    {
        var unexplained = RepositoryFiles.Projects().SelectMany(RepositoryFiles.SourcesOf)
            .Where(path => File.ReadLines(path).Count() > 250 && !File.ReadLines(path).Take(20).Any(line => line.Contains("Over 250 lines on purpose:", StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path))
            .ToList();

        unexplained.ShouldBeEmpty("a file over 250 lines says at its top why it is one piece (\"// Over 250 lines on purpose: ...\"), or is split");
    }

    [Fact]
    public void ProjectFiles_OfCoreReferenceNothing_AndOfTheApplicationNoAspNetCoreDuckDbOrSqlite()
    {
        References("Herald.Core").ShouldBeEmpty();
        References("Herald.Application").Where(r => r is not ("ProjectReference", "../Herald.Core/Herald.Core.csproj")
                && !(r.Kind == "PackageReference" && (r.Include.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || r.Include.StartsWith("System.", StringComparison.Ordinal)
                    // Cron expressions for schedules: a parser without dependencies (as DependencyDirectionTests allows).
                    // The configuration file's YAML: a parser and emitter working on text in memory.
                    || r.Include is "Cronos" or "YamlDotNet")))
            .ShouldBeEmpty("the application depends on Core and Microsoft.Extensions.* only (and Cronos, YamlDotNet): no ASP.NET Core, no DuckDB, no SQLite");
    }

    private static IReadOnlyList<(string Kind, string Include)> References(string project) =>
        [.. XDocument.Load(Path.Combine(RepositoryFiles.Root, "src", project, project + ".csproj")).Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference" or "FrameworkReference" or "Reference")
            .Select(e => (e.Name.LocalName, (string?)e.Attribute("Include") ?? ""))];

    // "herald send", "herald destination update ...", or an option such as " --force" inside a string.
    [GeneratedRegex("""(\bherald (send|serve|demo|run|orchestration|destination|credential)\b)|("[^"]*\s--[a-z][a-z-]+)""")]
    private static partial Regex CommandLine();
}
