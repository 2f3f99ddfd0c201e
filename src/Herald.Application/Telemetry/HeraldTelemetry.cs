using System.Diagnostics;
using System.Diagnostics.Metrics;
using Herald.Core.Runs;

namespace Herald.Application.Telemetry;

/// <summary>
/// Herald's traces and metrics, in System.Diagnostics only: the host decides where they go (OTLP, Prometheus). A run's
/// pass through the engine is a <c>herald.run</c> span with its steps as child spans; every tag on a metric comes from a
/// small fixed set (states, step names, failure kinds, operations, HTTP statuses), never an id, a name or a value, so
/// that the series stay few and carry no personal data.
/// </summary>
public static class HeraldTelemetry
{
    /// <summary>The name of Herald's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Herald";

    /// <summary>The span attribute holding a run's id (spans only: ids never label metrics).</summary>
    public const string RunIdTag = "herald.run.id";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Runs created, by how they were started (<c>origin</c>: orchestration or send).</summary>
    public static readonly Counter<long> RunsStarted = Meter.CreateCounter<long>("herald.runs.started", "{run}", "Runs created.");

    /// <summary>Runs that reached a final state, by <c>state</c> (succeeded, failed, cancelled) and <c>failure</c> (the failure kind, or none).</summary>
    public static readonly Counter<long> RunsFinished = Meter.CreateCounter<long>("herald.runs.finished", "{run}", "Runs that reached a final state.");

    /// <summary>Seconds from a run's creation to its final state, by <c>state</c>.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("herald.run.duration", "s", "Seconds from a run's creation to its end.");

    /// <summary>Seconds one step of a run took in the engine, by <c>step</c> (build, compare, stage, submit) and <c>outcome</c> (completed, moved, stopped, error).</summary>
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("herald.run.step.duration", "s", "Seconds one run step took.");

    /// <summary>Requests to Insider One, by <c>operation</c> and <c>status</c> (the HTTP status, or none when no answer came).</summary>
    public static readonly Counter<long> InsiderOneCalls = Meter.CreateCounter<long>("herald.insiderone.calls", "{request}", "Requests to Insider One.");

    /// <summary>Callbacks from Insider One, by <c>outcome</c> (accepted, refused).</summary>
    public static readonly Counter<long> CallbacksReceived = Meter.CreateCounter<long>("herald.callbacks.received", "{callback}", "Callbacks received from Insider One.");

    /// <summary>Attempts at delivering alerts, by <c>channel</c> and <c>outcome</c> (delivered, failed).</summary>
    public static readonly Counter<long> AlertAttempts = Meter.CreateCounter<long>("herald.alerts.attempts", "{attempt}", "Attempts at delivering alerts.");

    public static void RecordFinished(Run run)
    {
        var state = run.State.ToWireName();
        RunsFinished.Add(1, new KeyValuePair<string, object?>("state", state), new KeyValuePair<string, object?>("failure", FailureName(run.Failure)));
        if (run.FinishedAt is { } finished)
        {
            RunDuration.Record(Math.Max(0, (finished - run.CreatedAt).TotalSeconds), new KeyValuePair<string, object?>("state", state));
        }
    }

    public static string FailureName(FailureKind? failure) => failure?.ToString().ToLowerInvariant() ?? "none";
}
