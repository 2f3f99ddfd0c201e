using System.ComponentModel.DataAnnotations;
using Herald.Core.Ports;
using Herald.Core.Runs;
using Herald.InsiderOne;
using Herald.Server;
using Herald.Simulator;
using Herald.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Reliability;

/// <summary>
/// Waits for Insider One's rate limit (429) have their own time budget and never use up the retries meant for 5xx
/// and timeouts (insider-one.md section 1). Herald's client talks to the simulator over HTTP; its waits run on a fake
/// clock, so eight one-second Retry-Afters take no real time.
/// </summary>
public sealed class RateLimitBudgetTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _delays = new(DateTimeOffset.UtcNow);
    private InsiderOneSimulator _simulator = null!;

    public async Task InitializeAsync() =>
        _simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.FromMinutes(10) });

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Upload_AnsweredWithEight429sWithRetryAfterOne_SucceedsAndSaysHowLongItWaited()
    {
        _simulator.Faults.RetryAfterSeconds = 1;
        _simulator.Faults.RateLimitNextUploads = 8;

        var (outcome, calls) = await SubmitAsync(new InsiderOneOptions { MaxRetries = 1 });

        outcome.Accepted.ShouldBeTrue(outcome.Message);
        calls.Select(c => c.Status).ShouldBe([429, 429, 429, 429, 429, 429, 429, 429, 200]);
        calls[0].Outcome.ShouldContain("rate limited");
        calls[^1].Outcome.ShouldBe("accepted after waiting 8 s for Insider One's rate limit");
    }

    [Fact]
    public async Task Upload_RateLimitedLongerThanTheBudget_FailsNamingTheBudgetAndTheTimeWaited()
    {
        _simulator.Faults.RetryAfterSeconds = 1;
        _simulator.Faults.RateLimitNextUploads = 8;

        var (outcome, calls) = await SubmitAsync(new InsiderOneOptions { MaxRetries = 6, RateLimitWaitBudget = TimeSpan.FromSeconds(5) });

        outcome.Accepted.ShouldBeFalse();
        outcome.Failure.ShouldBe(FailureKind.Transient);
        outcome.Message.ShouldContain("waited 5 s");
        outcome.Message.ShouldContain("Herald:InsiderOne:RateLimitWaitBudget");
        calls.Count.ShouldBe(6, "five one-second waits fit in five seconds; a sixth would not");
        _simulator.Faults.RateLimitNextUploads = 0;
    }

    [Fact]
    public async Task Upload_With503sBetween429s_StillFailsAfterTheRetryBudgetFor5xx()
    {
        _simulator.Faults.FailNextUploads = 5;

        var (outcome, calls) = await SubmitAsync(new InsiderOneOptions { MaxRetries = 2 });

        outcome.Accepted.ShouldBeFalse();
        calls.Select(c => c.Status).ShouldBe([503, 503, 503]);
        _simulator.Faults.FailNextUploads = 0;
    }

    [Theory]
    [InlineData("RateLimitWaitBudget", "00:00:00")]
    [InlineData("RateLimitWaitBudget", "-00:00:01")]
    [InlineData("RateLimitWaitBudget", "02:00:00")]
    [InlineData("MaxTokenLimiters", "0")]
    [InlineData("MaxTokenLimiters", "1000001")]
    public async Task Start_WithARateLimitSettingOutOfRange_FailsNamingTheSetting(string setting, string value)
    {
        using var directory = new TestDirectory("budget");

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => HeraldServer.StartAsync(new HeraldStartOptions
        {
            DataDirectory = directory.File("data"),
            Settings = new Dictionary<string, string?> { [$"Herald:InsiderOne:{setting}"] = value, ["Herald:Source:SampleCustomers"] = "10" },
            Urls = "http://127.0.0.1:0",
        }, CancellationToken.None));

        failure.Message.ShouldContain($"Herald:InsiderOne:{setting}");
    }

    [Fact]
    public void Options_DefaultRateLimitWaitBudget_IsValid()
    {
        var options = new InsiderOneOptions();

        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true).ShouldBeTrue();
    }

    private async Task<(SubmissionOutcome Outcome, IReadOnlyList<RunCall> Calls)> SubmitAsync(InsiderOneOptions options)
    {
        options.BaseUrl = _simulator.BaseUrl;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
        // The fake clock also runs each attempt's timeout: make it long enough never to fire while the clock is pushed.
        options.RequestTimeout = TimeSpan.FromHours(1);
        using var http = new HttpClient();
        using var limiters = new TokenRateLimiters(options.RequestsPerSecond);
        var client = new InsiderOneClient(http, Options.Create(options), limiters, TimeProvider.System) { RetryDelays = _delays };
        var recorder = new ListRecorder();
        var account = new SegmentAccount("herald-demo", "demo-token");
        var fileUrl = new Uri("http://127.0.0.1:9/never.csv");
        var callbackUrl = new Uri("http://127.0.0.1:9/callback");

        var submit = client.SubmitAsync(
            new SegmentSubmission(account, $"limited {Guid.NewGuid():N}"[..30], "email", fileUrl, callbackUrl, fileUrl.ToString(), callbackUrl.ToString()),
            recorder, CancellationToken.None);
        // Push the fake clock whenever the client waits, until it is done: no real second passes.
        while (await Task.WhenAny(submit, Task.Delay(10)) != submit)
        {
            _delays.Advance(TimeSpan.FromMilliseconds(500));
        }
        return (await submit, recorder.Calls.Where(c => c.Operation == "upload").ToList());
    }

    private sealed class ListRecorder : ICallRecorder
    {
        private readonly List<RunCall> _calls = [];

        public IReadOnlyList<RunCall> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public Task RecordAsync(RunCall call, CancellationToken cancellationToken)
        {
            lock (_calls)
            {
                _calls.Add(call);
            }
            return Task.CompletedTask;
        }
    }
}
