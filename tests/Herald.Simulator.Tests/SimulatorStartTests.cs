using System.Net;
using Herald.Simulator.Tests.Support;

namespace Herald.Simulator.Tests;

public sealed class SimulatorStartTests
{
    [Fact]
    public async Task StartAsync_OnPortZero_ReportsTheBoundPortInBaseUrl()
    {
        await using var simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions());

        simulator.BaseUrl.Host.ShouldBe("127.0.0.1");
        simulator.BaseUrl.Port.ShouldNotBe(0, "port 0 asks for a free port; the base URL names the one bound");
        // The proof that the port is the bound one: the simulator answers there.
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        (await http.GetAsync("/_simulator/segments")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DefaultOptions_HaveTheDemoAccount()
    {
        await using var simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions());
        using var api = new InsiderOneCalls(simulator.BaseUrl);

        var response = await api.UploadAsync("VIP", "http://127.0.0.1:9/a.csv", "http://127.0.0.1:9/cb", partner: "herald-demo", token: "demo-token");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoSimulators_InOneProcess_AreIndependent()
    {
        await using var first = await Scenario.StartAsync();
        await using var second = await Scenario.StartAsync();
        first.Simulator.Faults.FailNextUploads = 1;

        var answeredBySecond = await second.Api.UploadAsync("VIP", second.Herald.HostValues("a@example.com"), second.Herald.CallbackUrl);

        answeredBySecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Simulator.Segments.ShouldBeEmpty();
        first.Simulator.Requests.ShouldBeEmpty();
        first.Simulator.Faults.FailNextUploads.ShouldBe(1);
        second.Simulator.BaseUrl.ShouldNotBe(first.Simulator.BaseUrl);
    }

    public static TheoryData<string, Action<SimulatorOptions>> InvalidOptions => new()
    {
        { "PartnerName must be lowercase", options => options.Accounts[0].PartnerName = "Herald-Demo" },
        { "Token must not be empty", options => options.Accounts[0].Token = "" },
        { "Accounts must hold at least one", options => options.Accounts = [] },
        { "AllowedAddresses", options => options.Accounts[0].AllowedAddresses = ["not-an-ip"] },
        { "CallbackAttempts", options => options.CallbackAttempts = 0 },
        { "MaxFileBytes", options => options.MaxFileBytes = 0 },
        { "ProcessingDelay", options => options.ProcessingDelay = TimeSpan.FromSeconds(-1) },
        { "the type must be one of", options => options.CustomAttributes = new() { ["store_id"] = "integer" } },
        { "is a default attribute already", options => options.CustomAttributes = new() { ["email"] = "string" } },
        { "lowercase without spaces", options => options.CustomAttributes = new() { ["Store Id"] = "string" } },
        { "SnowflakeConsumer.BaseUrl", options => options.SnowflakeConsumer = Consumer(c => c.BaseUrl = new Uri("file:///etc/")) },
        { "SnowflakeConsumer.Account", options => options.SnowflakeConsumer = Consumer(c => c.Account = "insiderorg-eu") },
        { "SnowflakeConsumer.MaxRowsPerTable", options => options.SnowflakeConsumer = Consumer(c => c.MaxRowsPerTable = 0) },
        { "SnowflakeConsumer.PrivateKeyPem is not an unencrypted PEM", options => options.SnowflakeConsumer = Consumer(c => c.PrivateKeyPem = "not a key") },
    };

    [Fact]
    public async Task SnowflakeImport_WithoutAConsumerAccount_IsRefusedSayingWhatToSet()
    {
        await using var simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions());
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };

        using var response = await http.PostAsync("/_simulator/snowflake-imports",
            new StringContent("{\"providerAccount\":\"MYORG-HERALD\",\"share\":\"S\"}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("SimulatorOptions.SnowflakeConsumer");
    }

    private static Herald.Simulator.SnowflakeImport.SnowflakeConsumerOptions Consumer(Action<Herald.Simulator.SnowflakeImport.SnowflakeConsumerOptions> change)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var consumer = new Herald.Simulator.SnowflakeImport.SnowflakeConsumerOptions
        {
            BaseUrl = new Uri("http://127.0.0.1:9/"), Account = "INSIDERORG-EU", User = "INSIDER_ONE", PrivateKeyPem = key.ExportPkcs8PrivateKeyPem(),
        };
        change(consumer);
        return consumer;
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task StartAsync_WithInvalidOptions_ThrowsNamingTheSetting(string expectedMessage, Action<SimulatorOptions> spoil)
    {
        var options = new SimulatorOptions();
        spoil(options);

        var exception = await Should.ThrowAsync<ArgumentException>(() => InsiderOneSimulator.StartAsync(options));

        exception.Message.ShouldContain(expectedMessage);
    }
}
