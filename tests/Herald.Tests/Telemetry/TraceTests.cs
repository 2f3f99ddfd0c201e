using System.Collections.Concurrent;
using System.Diagnostics;
using Herald.Application.Telemetry;
using Herald.Tests.Support;

namespace Herald.Tests.Telemetry;

/// <summary>A run's trace: a run span with the run id, its steps as child spans, Insider One's calls as client spans under the steps.</summary>
public sealed class TraceTests : IAsyncLifetime
{
    private const string Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'";
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private HeraldHarness _harness = null!;
    private ActivityListener _listener = null!;

    public async Task InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is HeraldTelemetry.Name or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
        _harness = await HeraldHarness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Run_IsARunSpanWithItsStepsAsChildSpans_AndInsiderOneCallsAsClientSpans()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Traced gold");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, Query);

        run.State.ShouldBe("succeeded");
        var runId = run.Id.ToString();
        var runSpans = _stopped.Where(a => a.OperationName == "herald.run" && (string?)a.GetTagItem(HeraldTelemetry.RunIdTag) == runId).ToList();
        runSpans.ShouldNotBeEmpty();
        var runSpanIds = runSpans.Select(a => a.SpanId).ToHashSet();
        var steps = _stopped.Where(a => a.OperationName.StartsWith("herald.run.step ", StringComparison.Ordinal) && runSpanIds.Contains(a.ParentSpanId)).ToList();
        steps.Select(a => (string?)a.GetTagItem("herald.run.step")).ShouldBe(["build", "compare", "stage", "submit"], ignoreOrder: true);
        steps.ShouldAllBe(a => (string?)a.GetTagItem(HeraldTelemetry.RunIdTag) == runId);
        steps.ShouldAllBe(a => runSpans.Any(r => r.TraceId == a.TraceId));
        var stepIds = steps.Select(a => a.SpanId).ToHashSet();
        var calls = _stopped.Where(a => a.Kind == ActivityKind.Client && stepIds.Contains(a.ParentSpanId)).ToList();
        calls.ShouldNotBeEmpty("the upload to Insider One is a client span under the submitting step");
        calls.ShouldContain(a => a.Parent == null || steps.Any(s => s.SpanId == a.ParentSpanId && (string?)s.GetTagItem("herald.run.step") == "submit"));
    }
}
