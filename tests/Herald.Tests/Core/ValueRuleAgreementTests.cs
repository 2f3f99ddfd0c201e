using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Core.Audiences;
using Herald.Simulator;
using Herald.Sources.DuckDb;
using Herald.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Core;

/// <summary>
/// Herald's local rule per attribute type and the simulator's (its stand-in for Insider One) agree value by value:
/// one table of cases, kept here and in no shared code, run against Herald's DuckDB build and against the simulator
/// over HTTP. A value Herald would send and Insider One would count invalid, or the other way round, fails here.
/// </summary>
public sealed class ValueRuleAgreementTests : IAsyncLifetime
{
    /// <summary>Values as they stand in a line of the file: what each rule decides, not what Herald normalizes.</summary>
    private static readonly (string Attribute, string Value, bool Valid)[] Cases =
    [
        ("age", "42", true), ("age", "-3.5", true), ("age", "+7", true), ("age", "12.", true), ("age", ".5", true),
        ("age", "0", true), ("age", "9999999999999999999999999999", true), ("age", "00000000000000000000000000000042", true),
        ("age", "10000000000000000000000000000", false), ("age", "1e20", false), ("age", "1E5", false), ("age", "0x1F", false),
        ("age", "NaN", false), ("age", "Infinity", false), ("age", "forty", false), ("age", ".", false), ("age", "-", false),
        ("age", "1.2.3", false), ("age", "١٢", false), ("age", "1_000", false),

        ("birthday", "1990-01-31", true), ("birthday", "2024-02-29", true), ("birthday", "0001-01-01", true),
        ("birthday", "9999-12-31", true), ("birthday", "2023-02-29", false), ("birthday", "2024-02-30", false),
        ("birthday", "2024-13-01", false), ("birthday", "0000-01-01", false), ("birthday", "1990-1-31", false),
        ("birthday", "31/01/1990", false), ("birthday", "1990-01-31T00:00:00", false), ("birthday", "1990-01-31 00:00:00", false),
        ("birthday", "19900131", false),

        ("email_optin", "true", true), ("email_optin", "FALSE", true), ("email_optin", "True", true), ("email_optin", "tRuE", true),
        ("email_optin", "yes", false), ("email_optin", "1", false), ("email_optin", "t", false), ("email_optin", "truee", false),

        ("phone_number", "+905321234567", true), ("phone_number", "+14155550100", true), ("phone_number", "+1234567", true),
        ("phone_number", "+123456789012345", true), ("phone_number", "+123456", false), ("phone_number", "+1234567890123456", false),
        ("phone_number", "+05321234567", false), ("phone_number", "905321234567", false), ("phone_number", "+90532123456a", false),
        ("phone_number", "++905321234567", false),

        ("email", "ada@example.com", true), ("email", "zoë@exämple.com", true), ("email", "a@b.c", true), ("email", "store#12@example.com", true),
        ("email", "a.b@c", false), ("email", "ada@example", false), ("email", "@example.com", false), ("email", "ada.example.com", false),
        ("email", "ada@.com", false), ("email", "ada@x.y.com", true), ("email", "ada@example.", false),

        ("country", "TR", true), ("country", "tr", false), ("country", "TUR", false),
        ("uuid", "store#12", true), ("uuid", "a b", true), ("uuid", "it's", true), ("uuid", "a,b", false), ("uuid", "say \"hi\"", false),
    ];

    private readonly TestDirectory _directory = new("agreement");
    private InsiderOneSimulator _simulator = null!;
    private WebApplication _files = null!;
    private readonly Dictionary<string, string> _hosted = [];

    public static TheoryData<string> Attributes() => [.. Cases.Select(c => c.Attribute).Distinct()];

    public async Task InitializeAsync()
    {
        _simulator = await InsiderOneSimulator.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.Zero });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _files = builder.Build();
        _files.MapGet("/files/{name}", (string name) => _hosted.TryGetValue(name, out var content)
            ? Results.Bytes(new UTF8Encoding(false).GetBytes(content), "text/csv")
            : Results.NotFound());
        _files.MapPost("/callbacks", () => Results.Ok());
        await _files.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _files.DisposeAsync();
        await _simulator.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(Attributes))]
    public async Task HeraldSends_ExactlyTheValuesOfTheTableThatAreValid(string attribute)
    {
        var cases = Cases.Where(c => c.Attribute == attribute).ToList();
        var database = TestDatabases.Create(_directory.File($"{attribute}.duckdb"), $"CREATE TABLE Audience ({attribute} VARCHAR)");
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={database}"))
        {
            connection.Open();
            using var appender = connection.CreateAppender("Audience");
            foreach (var (_, value, _) in cases)
            {
                appender.CreateRow().AppendValue(value).EndRow();
            }
        }
        var output = _directory.File($"{attribute}.csv");
        var source = new DuckDbAudienceSource(new DuckDbSourceOptions { DatabasePath = database, TempDirectory = _directory.File("tmp"), Threads = 1 });

        await source.BuildAsync(new AudienceQuery($"SELECT {attribute} FROM Audience", attribute, Herald.InsiderOne.KnownAttributes.RuleOf(attribute)), output, CancellationToken.None);

        var sent = (await File.ReadAllTextAsync(output)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        sent.ShouldBe(cases.Where(c => c.Valid).Select(c => c.Value), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Attributes))]
    public async Task SimulatorCountsValid_ExactlyTheValuesOfTheTableThatAreValid(string attribute)
    {
        var cases = Cases.Where(c => c.Attribute == attribute).ToList();
        _hosted[$"{attribute}.csv"] = string.Concat(cases.Select(c => c.Value + "\n"));
        var filesUrl = new Uri(_files.Urls.First());
        using var http = new HttpClient { BaseAddress = _simulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fps/v1/upload")
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["segmentName"] = $"agreement {attribute}",
                ["fileUrl"] = new Uri(filesUrl, $"/files/{attribute}.csv").ToString(),
                ["callbackUrl"] = new Uri(filesUrl, "/callbacks").ToString(),
                ["attributeName"] = attribute,
            }), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-PARTNER-NAME", "herald-demo");
        request.Headers.Add("X-REQUEST-TOKEN", "demo-token");

        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        await _simulator.WaitForIdleAsync();

        var segment = _simulator.Segments.Single(s => s.Name == $"agreement {attribute}");
        segment.Values.ShouldBe(cases.Where(c => c.Valid).Select(c => c.Value), ignoreOrder: true);
        segment.Invalid.ShouldBe(cases.Count(c => !c.Valid));
    }
}
