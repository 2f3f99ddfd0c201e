using System.Text;
using Herald.Snowflake.Statements;
using Herald.Snowflake.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Herald.Snowflake.Tests;

/// <summary>Answers from "Snowflake" are outside input: Herald's client reads them within limits and trusts none.</summary>
public sealed class HostileAnswerTests
{
    [Fact]
    public async Task HandleThatIsAPath_IsNotFollowed()
    {
        await using var server = await HostileSnowflake.StartAsync(context => Json(context, 202,
            """{"code":"333334","statementHandle":"../../admin?x=","statementStatusUrl":"http://attacker.example/steal"}"""));

        var failure = await Should.ThrowAsync<SnowflakeException>(() => RunAsync(server.BaseUrl));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Protocol);
        server.Paths.ShouldAllBe(path => path.StartsWith("POST /api/v2/statements?requestId="));
    }

    [Fact]
    public async Task RowsWiderThanTheirRowType_AreRefused()
    {
        await using var server = await HostileSnowflake.StartAsync(context => Json(context, 200,
            """{"statementHandle":"01b2-0000","resultSetMetaData":{"numRows":1,"rowType":[{"name":"A","type":"text"}],"partitionInfo":[{}]},"data":[["a","extra"]]}"""));

        var failure = await Should.ThrowAsync<SnowflakeException>(() => RunAsync(server.BaseUrl));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Protocol);
        failure.Message.ShouldContain("rowType");
    }

    [Fact]
    public async Task AnswerLargerThanTheLimit_IsNotReadToTheEnd()
    {
        await using var server = await HostileSnowflake.StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            try
            {
                for (var i = 0; i < 1024 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The client stopped reading, as it should.
            }
        });

        var failure = await Should.ThrowAsync<SnowflakeException>(() => RunAsync(server.BaseUrl, options => options.MaxAnswerBytes = 256 * 1024));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Protocol);
        failure.Message.ShouldContain("MaxAnswerBytes");
    }

    [Fact]
    public async Task ErrorMessage_WithControlCharactersAndNoEnd_IsShownCleanAndShort()
    {
        var message = "line one\r\n\u001b[31mred" + new string('x', 5_000);
        await using var server = await HostileSnowflake.StartAsync(context => Json(context, 422,
            $$"""{"code":"001003","sqlState":"42000","message":"{{message.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\u001b", "\\u001b")}}","statementHandle":"01b2"}"""));

        var failure = await Should.ThrowAsync<SnowflakeException>(() => RunAsync(server.BaseUrl));

        failure.Message.ShouldNotContain("\n");
        failure.Message.ShouldNotContain("\u001b");
        failure.Message.Length.ShouldBeLessThan(1_200);
        failure.Code.ShouldBe("001003");
    }

    [Fact]
    public async Task Retries_AreLogged_WithoutTheTokenOrTheStatementsValues()
    {
        var calls = 0;
        await using var server = await HostileSnowflake.StartAsync(context => Interlocked.Increment(ref calls) < 3
            ? Json(context, 503, """{"code":"000500","message":"busy"}""")
            : Json(context, 200, """{"statementHandle":"01b2","resultSetMetaData":{"numRows":0,"rowType":[],"partitionInfo":[]},"data":[]}"""));
        var logger = new RecordingLogger<SnowflakeClient>();

        await RunAsync(server.BaseUrl, logger: logger, bindings: ["secret-customer@example.com"]);

        logger.Lines.Count.ShouldBe(2);
        logger.Lines.ShouldAllBe(line => !line.Contains("eyJ") && !line.Contains("secret-customer") && !line.Contains("BEGIN"));
    }

    private static async Task RunAsync(Uri baseUrl, Action<SnowflakeOptions>? configure = null, RecordingLogger<SnowflakeClient>? logger = null, string?[]? bindings = null)
    {
        var options = new SnowflakeOptions
        {
            BaseUrl = baseUrl,
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(1),
            PollInitialDelay = TimeSpan.FromMilliseconds(1),
            PollMaxDelay = TimeSpan.FromMilliseconds(1),
        };
        configure?.Invoke(options);
        using var http = new HttpClient();
        using var client = new SnowflakeClient(http, new SnowflakeConnection
        {
            AccountIdentifier = SnowflakeHarness.Account,
            User = SnowflakeHarness.User,
            Database = "HERALD",
            Schema = "PUBLIC",
            PrivateKeyPem = TestKeys.Shared.PrivateKeyPem,
        }, options, TimeProvider.System, logger);
        var sql = bindings is null ? "SELECT 1" : "SELECT ?";
        var result = await client.ExecuteAsync(new SnowflakeStatement(sql, "a probe") { Bindings = bindings ?? [] }, TestTimeout.Token());
        await foreach (var _ in result.ReadRowsAsync(TestTimeout.Token()))
        {
        }
    }

    private static Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }
}
