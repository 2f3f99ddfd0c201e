using System.Reflection;

namespace Herald.Tests.Architecture;

/// <summary>
/// Dependencies point inward (docs/architecture.md): Core references nothing of Herald's and no infrastructure; the
/// application references Core and Microsoft.Extensions.* only. Read from the compiled assemblies, so a reference
/// that slips in through a package fails here.
/// </summary>
public sealed class DependencyDirectionTests
{
    [Fact]
    public void Core_ReferencesOnlyTheRuntime()
    {
        var references = ReferencesOf(typeof(Herald.Core.Runs.Run).Assembly);

        references.Where(name => !IsRuntime(name)).ShouldBeEmpty();
    }

    [Fact]
    public void Application_ReferencesCoreAndMicrosoftExtensionsOnly_NoAspNetCoreDuckDbOrSqlite()
    {
        var references = ReferencesOf(typeof(Herald.Application.ApplicationServices).Assembly);

        references.ShouldContain("Herald.Core");
        // Cronos computes cron slots in time zones for the scheduler: arithmetic, no I/O and no infrastructure.
        // YamlDotNet reads and writes the configuration file (herald config): text in memory, no I/O either.
        references.Where(name => !IsRuntime(name) && name is not "Herald.Core" and not "Cronos" and not "YamlDotNet" && !name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            .ShouldBeEmpty();
        references.ShouldNotContain(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name.Contains("DuckDB") || name.Contains("Sqlite"));
    }

    private static IReadOnlyList<string> ReferencesOf(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name!)];

    private static bool IsRuntime(string name) => name is "System.Runtime" or "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal);
}
