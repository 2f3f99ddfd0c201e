using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>A query that cannot become an audience fails its run with a message that says what to change; nothing is sent.</summary>
public sealed class BadQueryTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("badquery");
    private HeraldHarness _harness = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _source = TestDatabases.Create(_directory.File("c360.duckdb"),
            "CREATE TABLE Customer_360 (amperity_id VARCHAR, email VARCHAR, given_name VARCHAR, age INTEGER)",
            """
            INSERT INTO Customer_360 VALUES
              ('1', 'ann@example.com', 'Ann', 30),
              ('2', '  ann@example.com ', 'Ann', 30),
              ('3', 'bob@example.com', 'Bob', 41),
              ('4', NULL, 'Nobody', 20),
              ('5', '', 'Empty', 20),
              ('6', '   ', 'Blank', 20),
              ('7', 'line' || chr(10) || 'break@example.com', 'Lee', 33),
              ('8', 'comma,person@example.com', 'Cal', 33),
              ('9', '"quoted"@example.com', 'Quinn', 33),
              ('10', 'not-an-email', 'Nemo', 33),
              ('11', 'zoë@exämple.com', 'Zoë', 25),
              ('12', 'bob@example.com', 'Bob', 41)
            """,
            "CREATE TABLE Empty_Table (email VARCHAR)");
        _harness = await HeraldHarness.StartAsync(_source);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Query_WithTwoColumns_FailsNamingTheColumnsFoundAndTheOneExpected()
    {
        var run = await SendAsync("SELECT email, given_name FROM Customer_360");

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("audience");
        run.Reason.ShouldContain("'email', 'given_name'");
        run.Reason.ShouldContain("exactly one column named 'email'");
        run.File.ShouldBeNull();
        NothingWasUploaded();
    }

    [Theory]
    [InlineData("SELECT email AS mail FROM Customer_360", "rename it in the query")]
    [InlineData("SELECT email AS Email FROM Customer_360", "only the case differs")]
    public async Task Query_WithAColumnNotNamedAsTheAttribute_FailsWithAHint(string query, string hint)
    {
        var run = await SendAsync(query);

        run.State.ShouldBe("failed");
        run.Reason.ShouldContain("destination's attribute is 'email'");
        run.Reason.ShouldContain(hint);
        NothingWasUploaded();
    }

    [Fact]
    public async Task Query_WithASqlError_FailsWithTheEnginesMessage()
    {
        var run = await SendAsync("SELECT email FROM No_Such_Table");

        run.State.ShouldBe("failed");
        run.Reason.ShouldContain("The query failed in DuckDB");
        run.Reason.ShouldContain("No_Such_Table");
        NothingWasUploaded();
    }

    [Theory]
    [InlineData("DROP TABLE Customer_360")]
    [InlineData("INSERT INTO Customer_360 (email) VALUES ('evil@example.com')")]
    [InlineData("CREATE TABLE Evil AS SELECT * FROM Customer_360")]
    [InlineData("ATTACH 'other.duckdb' AS other")]
    [InlineData("COPY (SELECT email FROM Customer_360) TO 'stolen.csv'")]
    [InlineData("SELECT email FROM Customer_360; DROP TABLE Customer_360")]
    [InlineData("DELETE FROM Customer_360")]
    public async Task Query_ThatWrites_IsRefusedAndTheDatabaseIsUnchanged(string statement)
    {
        var before = TestDatabases.Scalar(_source, "SELECT count(*) FROM Customer_360");

        var run = await SendAsync(statement);

        run.State.ShouldBe("failed");
        run.Reason.ShouldMatch("read-only|exactly one SELECT|statements");
        TestDatabases.Scalar(_source, "SELECT count(*) FROM Customer_360").ShouldBe(before);
        TestDatabases.Scalar(_source, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'Evil'").ShouldBe(0);
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "stolen.csv")).ShouldBeFalse();
        NothingWasUploaded();
    }

    [Fact]
    public async Task Query_WithNoValues_FailsBecauseAnEmptyAudienceNeverReplacesASegment()
    {
        var run = await SendAsync("SELECT email FROM Empty_Table");

        run.State.ShouldBe("failed");
        run.Reason.ShouldContain("no values to send");
        run.Reason.ShouldContain("allow an empty audience explicitly");
        run.NextStep!.ShouldContain("--allow-empty");
        NothingWasUploaded();
    }

    [Fact]
    public async Task Query_WithNoValues_GoesThroughWhenEmptyIsExplicitlyAllowed()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Emptied on purpose");

        var run = await _harness.Api.WaitForAsync((await _harness.Api.SendAsync(destination.Name, "SELECT email FROM Empty_Table", allowEmpty: true)).Id);

        run.State.ShouldBe("succeeded", run.Reason);
        run.Counts!.ValuesSent.ShouldBe(0);
        run.Report!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task Values_ThatAreEmptyDuplicateUnsendableOrInvalid_AreCountedByReasonAndNeverSent()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Messy values");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360");

        run.State.ShouldBe("succeeded", run.Reason);
        var counts = run.Counts!;
        counts.RowsQueried.ShouldBe(12);
        counts.EmptyValues.ShouldBe(3);
        counts.DuplicateValues.ShouldBe(2);
        counts.SetAside.OrderBy(p => p.Key).ShouldBe(new Dictionary<string, long>
        {
            ["comma"] = 1, ["invalid_email"] = 1, ["line_break"] = 1, ["quote"] = 1,
        });
        counts.ValuesSent.ShouldBe(3);
        var segment = _harness.Simulator.Segments.Single(s => s.Name == "Messy values");
        segment.Values.Order().ShouldBe(["ann@example.com", "bob@example.com", "zoë@exämple.com"]);
        run.Report!.ShouldSatisfyAllConditions(
            r => r.Total.ShouldBe(3),
            r => r.Valid.ShouldBe(3));
    }

    [Fact]
    public async Task StagedFile_IsOneValuePerLineUtf8WithoutHeaderOrByteOrderMark()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("File format");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT email FROM Customer_360");

        run.State.ShouldBe("succeeded", run.Reason);
        var path = Path.Combine(_harness.DataDirectory, "files", "served", $"{run.Id:N}.csv");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes.Take(3).ShouldNotBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        text.ShouldNotContain("\r");
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ShouldBe(["ann@example.com", "bob@example.com", "zoë@exämple.com"]);
        text.ShouldNotContain("\n\n");
    }

    [Fact]
    public async Task NumberAttribute_SetsAsideValuesThatAreNotNumbers()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Ages", attributeName: "age");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name,
            "SELECT CASE WHEN given_name = 'Nemo' THEN 'old' ELSE CAST(age AS VARCHAR) END AS age FROM Customer_360");

        run.State.ShouldBe("succeeded", run.Reason);
        run.Counts!.SetAside.ShouldBe(new Dictionary<string, long> { ["invalid_number"] = 1 });
    }

    private async Task<Herald.Server.Api.RunView> SendAsync(string query)
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync($"Bad {Guid.NewGuid():N}"[..20]);
        return await _harness.Api.SendAndWaitAsync(destination.Name, query);
    }

    private void NothingWasUploaded() =>
        _harness.Simulator.Requests.ShouldNotContain(r => r.Path.Contains("upload"));
}
