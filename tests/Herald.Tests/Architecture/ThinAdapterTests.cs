using System.Reflection;
using Herald.Core.Ports;

namespace Herald.Tests.Architecture;

/// <summary>
/// The API's endpoints and the web pages are adapters over the application's use cases (docs/architecture.md): none of
/// them reads or changes a store, or a run, itself, so that who may see and do what is decided in one place. Read from
/// the compiled server, lambdas included (an endpoint's handler compiles to a method whose parameters are what it
/// asks for), so a store handed to a new endpoint fails here.
/// </summary>
public sealed class ThinAdapterTests
{
    private static readonly Type[] ApplicationOnly =
    [
        typeof(ICatalogStore), typeof(IRunStore), typeof(ISegmentLayoutStore), typeof(IDiffSampleStore), typeof(IScheduleStore), typeof(IBridgeStore),
        typeof(Herald.Application.Runs.RunUpdater), typeof(Herald.Application.Runs.RunLauncher),
    ];

    [Fact]
    public void ApiEndpointsAndPages_AskForUseCases_NeverForStoresOrTheRunEngine()
    {
        var adapters = typeof(Herald.Server.Api.ApiResults).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("Herald.Server.Api", StringComparison.Ordinal) || ns.StartsWith("Herald.Server.Web", StringComparison.Ordinal)))
            .ToList();
        adapters.Count.ShouldBeGreaterThan(20, "the scan must see the endpoints and the pages");

        var offenders = adapters
            .SelectMany(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Cast<MethodBase>()
                .Concat(t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
            .SelectMany(m => m.GetParameters().Where(p => ApplicationOnly.Contains(p.ParameterType)).Select(p => $"{m.DeclaringType!.FullName}.{m.Name}({p.ParameterType.Name} {p.Name})"))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void TheScan_WouldSeeAnEndpointLambdaAskingForAStore()
    {
        // The scan relies on the compiler keeping a lambda's parameters on the method it generates: checked here, so
        // that the test above cannot pass by looking at nothing.
        Func<ICatalogStore, CancellationToken, Task> handler = (catalog, ct) => catalog.ListCredentialsAsync(ct);

        handler.Method.GetParameters().Select(p => p.ParameterType).ShouldContain(typeof(ICatalogStore));
    }
}
