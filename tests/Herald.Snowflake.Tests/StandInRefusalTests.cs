using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Herald.Snowflake.Auth;
using Herald.Snowflake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Snowflake.Tests;

/// <summary>The stand-in refuses what Snowflake refuses, and what a hostile caller might try, over raw HTTP.</summary>
public sealed class StandInRefusalTests : IAsyncLifetime
{
    private SnowflakeHarness harness = null!;

    public async Task InitializeAsync() => harness = await SnowflakeHarness.StartAsync(standIn: options => options.MaxRequestBytes = 2 * 1024 * 1024);

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Statement_WithoutAJwt_IsAnswered401()
    {
        using var response = await PostAsync(new { statement = "SELECT 1" }, jwt: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Statement_SignedByAnotherKey_IsAnswered401()
    {
        using var otherKeys = TestKeys.Create();
        using var forged = new KeyPairToken(Connection(otherKeys.PrivateKeyPem), TimeSpan.FromMinutes(59), TimeProvider.System);

        using var response = await PostAsync(new { statement = "SELECT 1" }, forged.Current());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await BodyAsync(response)).GetProperty("message").GetString()!.ShouldContain("fingerprint");
    }

    [Fact]
    public async Task Statement_WithAnUnsignedJwt_IsAnswered401()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var genuine = new KeyPairToken(Connection(harness.Keys.PrivateKeyPem), TimeSpan.FromMinutes(59), TimeProvider.System);
        var claims = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(genuine.Current().Split('.')[1])));
        var unsigned = Part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Part(claims) + ".";

        using var response = await PostAsync(new { statement = "SELECT 1" }, unsigned);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task Statement_WithAnExpiredJwt_IsAnswered401()
    {
        using var old = new KeyPairToken(Connection(harness.Keys.PrivateKeyPem), TimeSpan.FromMinutes(59), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));

        using var response = await PostAsync(new { statement = "SELECT 1" }, old.Current());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await BodyAsync(response)).GetProperty("message").GetString()!.ShouldContain("expired");
    }

    [Fact]
    public async Task Values_OverSixteenThousandThreeHundredEightyFourRows_AreRefused()
    {
        var values = string.Join(",", Enumerable.Repeat("(1)", 16_385));

        using var response = await PostAsync(new { statement = "SELECT * FROM (VALUES " + values + ")" }, Jwt());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await BodyAsync(response);
        body.GetProperty("message").GetString()!.ShouldContain("16,384");
        body.GetProperty("sqlState").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Bindings_InAMultiStatementRequest_AreRefusedAndNothingRuns()
    {
        using var response = await PostAsync(new
        {
            statement = "CREATE TABLE t (a VARCHAR); INSERT INTO t VALUES (?)",
            bindings = new Dictionary<string, object> { ["1"] = new { type = "TEXT", value = "x" } },
            parameters = new { MULTI_STATEMENT_COUNT = "2" },
        }, Jwt());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await BodyAsync(response)).GetProperty("message").GetString()!.ShouldContain("multi-statement");
        (await harness.StandIn.QueryAsync("SELECT count(*) FROM duckdb_tables() WHERE lower(table_name) = 't'"))[0][0].ShouldBe(0L);
    }

    [Fact]
    public async Task SeveralStatements_WithoutMultiStatementCount_AreRefused()
    {
        using var response = await PostAsync(new { statement = "SELECT 1; SELECT 2" }, Jwt());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var body = await BodyAsync(response);
        body.GetProperty("code").GetString().ShouldBe("000008");
        body.GetProperty("message").GetString()!.ShouldContain("did not match");
    }

    [Theory]
    [InlineData("PUT file:///etc/passwd @~")]
    [InlineData("GET @~/x file:///tmp/")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("COPY (SELECT 1) TO '/tmp/herald-stand-in-escape.csv'")]
    [InlineData("ATTACH '/tmp/other.duckdb' AS other")]
    [InlineData("INSTALL httpfs")]
    [InlineData("PRAGMA version")]
    [InlineData("SET enable_external_access = true")]
    public async Task FileTransfersAndDuckDbsOwnCommands_AreRefused(string statement)
    {
        using var response = await PostAsync(new { statement }, Jwt());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        File.Exists("/tmp/herald-stand-in-escape.csv").ShouldBeFalse();
    }

    [Fact]
    public async Task StatementText_OverOneMegabyte_IsRefused()
    {
        using var response = await PostAsync(new { statement = "SELECT '" + new string('x', 1024 * 1024) + "'" }, Jwt());

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await BodyAsync(response)).GetProperty("message").GetString()!.ShouldContain("1,048,576 bytes");
    }

    [Fact]
    public async Task StandIn_WithOptionsThatCannotWork_DoesNotStart_NamingTheSetting()
    {
        var noUsers = await Should.ThrowAsync<ArgumentException>(() => SnowflakeStandIn.SnowflakeStandIn.StartAsync(new SnowflakeStandIn.StandInOptions()));
        var badKey = await Should.ThrowAsync<ArgumentException>(() => SnowflakeStandIn.SnowflakeStandIn.StartAsync(new SnowflakeStandIn.StandInOptions
        {
            Users = [new SnowflakeStandIn.StandInUser { Account = "MYORG-ACCT", User = "HERALD", PublicKeysPem = ["not a key"] }],
        }));

        noUsers.Message.ShouldContain("StandInOptions.Users");
        badKey.Message.ShouldContain("StandInOptions.Users[0].PublicKeysPem");
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_IsAnswered413WithoutRunning()
    {
        using var response = await PostAsync(new { statement = "SELECT '" + new string('x', 3 * 1024 * 1024) + "'" }, Jwt());

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    [Fact]
    public async Task RequestId_ReusedWithoutRetry_IsRefused_AndWithRetryGetsTheFirstResult()
    {
        var requestId = Guid.NewGuid();
        (await PostAsync(new { statement = "CREATE TABLE once (a VARCHAR)" }, Jwt(), $"?requestId={requestId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await PostAsync(new { statement = "CREATE TABLE once (a VARCHAR)" }, Jwt(), $"?requestId={requestId}")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostAsync(new { statement = "CREATE TABLE once (a VARCHAR)" }, Jwt(), $"?requestId={requestId}&retry=true")).StatusCode.ShouldBe(HttpStatusCode.OK);

        harness.StandIn.Statements.Count(statement => statement.Executed).ShouldBe(1);
    }

    [Fact]
    public async Task AsyncSubmission_IsAnswered202AtOnce_AndItsResultIsThereWhenItFinishes()
    {
        using var submitted = await PostAsync(new { statement = "SELECT 7 AS seven" }, Jwt(), "?async=true");
        var accepted = await BodyAsync(submitted);
        await harness.StandIn.WaitForStatementAsync(accepted.GetProperty("statementHandle").GetString()!, TestTimeout.Token());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.StandIn.BaseUrl, accepted.GetProperty("statementStatusUrl").GetString()));
        Authorize(request, Jwt());
        using var polled = await harness.Http.SendAsync(request);

        submitted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        accepted.GetProperty("code").GetString().ShouldBe("333334");
        polled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await BodyAsync(polled)).GetProperty("data")[0][0].GetString().ShouldBe("7");
    }

    [Fact]
    public async Task StatementHandle_ThatDoesNotExist_IsAnswered404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.StandIn.BaseUrl, "/api/v2/statements/../../etc"));
        Authorize(request, Jwt());

        using var response = await harness.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private string Jwt()
    {
        using var token = new KeyPairToken(Connection(harness.Keys.PrivateKeyPem), TimeSpan.FromMinutes(59), TimeProvider.System);
        return token.Current();
    }

    private async Task<HttpResponseMessage> PostAsync(object body, string? jwt, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.StandIn.BaseUrl, "/api/v2/statements" + query))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (jwt is not null)
        {
            Authorize(request, jwt);
        }

        return await harness.Http.SendAsync(request);
    }

    private static void Authorize(HttpRequestMessage request, string jwt)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        request.Headers.Add("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT");
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static SnowflakeConnection Connection(string pem) => new()
    {
        AccountIdentifier = SnowflakeHarness.Account,
        User = SnowflakeHarness.User,
        Database = "HERALD",
        Schema = "PUBLIC",
        PrivateKeyPem = pem,
    };
}
