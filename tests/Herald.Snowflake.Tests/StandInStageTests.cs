using System.Net;
using System.Net.Http.Headers;
using Herald.Snowflake.Statements;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests;

/// <summary>The stand-in's stage refuses what a careless or hostile caller might send: unsigned or foreign uploads,
/// keys and stage paths that climb out of the stage, oversized objects, DuckDB's own COPY.</summary>
public sealed class StandInStageTests : IAsyncLifetime
{
    private SnowflakeHarness harness = null!;
    private readonly HttpClient http = new();

    public async Task InitializeAsync() => harness = await SnowflakeHarness.StartAsync(standIn: options =>
    {
        options.Stages["HERALD_STAGE"] = "s3://herald-stage/loads/";
        options.MaxStageObjectBytes = 1024;
    });

    public async Task DisposeAsync()
    {
        http.Dispose();
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Upload_WithoutASignature_IsRefused_AndNothingIsWritten()
    {
        using var response = await PutAsync("herald-stage/loads/a.parquet", [1, 2, 3], signature: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        StageFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Upload_SignedWithAnotherAccessKey_IsRefused()
    {
        using var response = await PutAsync("herald-stage/loads/a.parquet", [1, 2, 3], Signature("SOMEONEELSE"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("InvalidAccessKeyId");
    }

    [Theory]
    [InlineData("herald-stage/loads/../../../escape.parquet")]
    [InlineData("herald-stage/loads/%2e%2e/%2e%2e/escape.parquet")]
    [InlineData("herald-stage/loads/a%00b.parquet")]
    public async Task Upload_ToAKeyThatClimbsOutOfTheStage_IsRefused(string path)
    {
        using var response = await PutAsync(path, [1, 2, 3], Signature(SnowflakeStandIn.StandInDefaults.StageAccessKeyId));

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        File.Exists(Path.Combine(Path.GetDirectoryName(harness.StandIn.StageRoot)!, "escape.parquet")).ShouldBeFalse();
        StageFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefused_AndLeavesNoPartialFile()
    {
        using var response = await PutAsync("herald-stage/loads/big.parquet", new byte[4096], Signature(SnowflakeStandIn.StandInDefaults.StageAccessKeyId), chunked: true);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        StageFiles().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("COPY INTO \"t\" FROM @HERALD_STAGE/../../etc FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE")]
    [InlineData("COPY INTO \"t\" FROM @NO_SUCH_STAGE FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE")]
    [InlineData("COPY INTO \"t\" FROM '/etc/passwd' FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE")]
    [InlineData("COPY INTO \"t\" FROM @HERALD_STAGE FILE_FORMAT = (TYPE = CSV)")]
    [InlineData("CREATE STAGE ESCAPE URL = 's3://herald-stage/../../'")]
    [InlineData("CREATE STAGE LOCAL URL = 'file:///etc/'")]
    public async Task StageStatements_ThatReachOutsideTheStage_AreRefused(string statement)
    {
        await harness.RunAsync("CREATE TABLE \"t\" (\"a\" VARCHAR)");

        await Should.ThrowAsync<SnowflakeException>(() => harness.RunAsync(statement));

        (await harness.ScalarAsync("SELECT count(*) FROM HERALD.PUBLIC.t")).ShouldBe(0L);
    }

    private List<string> StageFiles() => Directory.EnumerateFiles(harness.StandIn.StageRoot, "*", SearchOption.AllDirectories).ToList();

    private static string Signature(string accessKeyId) =>
        $"AWS4-HMAC-SHA256 Credential={accessKeyId}/20261130/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={new string('a', 64)}";

    private async Task<HttpResponseMessage> PutAsync(string path, byte[] body, string? signature, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(harness.StandIn.BaseUrl, path));
        request.Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", signature);
        }

        return await http.SendAsync(request, TestTimeout.Token());
    }
}
