namespace Herald.Simulator;

/// <summary>How a simulator behaves. Read once by <see cref="InsiderOneSimulator.StartAsync"/>, which validates it.</summary>
public sealed class SimulatorOptions
{
    public List<SimulatorAccount> Accounts { get; set; } =
        [new SimulatorAccount { PartnerName = SimulatorDefaults.PartnerName, Token = SimulatorDefaults.Token }];

    /// <summary>Delay between accepting an upload and downloading its file.</summary>
    public TimeSpan ProcessingDelay { get; set; } = SimulatorDefaults.ProcessingDelay;

    /// <summary>Requests per second each token may make before answers turn 429; 0 disables the limit.</summary>
    public int RequestsPerSecondPerToken { get; set; } = SimulatorDefaults.RequestsPerSecondPerToken;

    public long MaxFileBytes { get; set; } = SimulatorDefaults.MaxFileBytes;

    /// <summary>Custom attributes by name, each typed <c>string</c>, <c>number</c>, <c>date</c> or <c>boolean</c>.</summary>
    public Dictionary<string, string> CustomAttributes { get; set; } = [];

    /// <summary>Attempts per callback and per file download; one not answered 2xx (connection error, 5xx) is tried again.</summary>
    public int CallbackAttempts { get; set; } = SimulatorDefaults.CallbackAttempts;

    /// <summary>Wait before the second callback attempt, doubling for each later one.</summary>
    public TimeSpan CallbackRetryDelay { get; set; } = SimulatorDefaults.CallbackRetryDelay;

    /// <summary>The faults the simulator starts with; copied, so later changes go through <see cref="InsiderOneSimulator.Faults"/>.</summary>
    public SimulatorFaults Faults { get; set; } = new();

    /// <summary>Insider One's own Snowflake account and key, for importing shares (<see cref="InsiderOneSimulator.ImportSnowflakeShareAsync"/>);
    /// null when the simulator imports none.</summary>
    public SnowflakeImport.SnowflakeConsumerOptions? SnowflakeConsumer { get; set; }

    /// <summary>Clock for delays, the rate limit and timestamps; tests swap in a fake one.</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
