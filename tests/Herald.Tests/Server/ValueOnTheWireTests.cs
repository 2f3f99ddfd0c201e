using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>
/// What Insider One receives is exactly what the user meant: each kind of fault from other tools' bug reports, sent
/// through the real path (DuckDB, Herald's file endpoint, the stricter simulator over HTTP).
/// </summary>
public sealed class ValueOnTheWireTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new("wire");
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync()
    {
        var source = TestDatabases.Create(_directory.File("c360.duckdb"),
            "CREATE TABLE Ids (uuid VARCHAR)",
            "INSERT INTO Ids VALUES ('store#12'), ('#7'), ('a b'), ('it''s'), ('semi;colon'), ('zoë')",
            "CREATE TABLE Emails (email VARCHAR)",
            """
            INSERT INTO Emails VALUES
              ('store#12@example.com'),
              ('c@x.com' || chr(160)), ('c@x.com'), (chr(8203) || 'c@x.com' || chr(8232)),
              (chr(65279) || 'bom@example.com'),
              ('tab' || chr(9) || 'in@example.com'), ('esc' || chr(27) || '@example.com'), ('nel' || chr(133) || '@example.com'),
              (chr(160) || chr(8203) || chr(65279))
            """,
            "CREATE TABLE Floats (uuid DOUBLE)",
            "INSERT INTO Floats VALUES (42), (7), (42.5), (1e300), (-3)",
            "CREATE TABLE Decimals (uuid DECIMAL(8,2))",
            "INSERT INTO Decimals VALUES (42.00), (42.50), (1234.00)",
            "CREATE TABLE Ages (age VARCHAR)",
            "INSERT INTO Ages VALUES ('1e20'), ('42'), ('-3.5'), ('1,000'), ('12 ')",
            "CREATE TABLE DoubleAges (age DOUBLE)",
            "INSERT INTO DoubleAges VALUES (42), (1e20), (0.5)",
            "CREATE TABLE Birthdays (birthday TIMESTAMP)",
            "INSERT INTO Birthdays VALUES (TIMESTAMP '1990-01-31 08:15:00'), (TIMESTAMP '1985-06-01 12:00:00')",
            "CREATE TABLE MidnightBirthdays (birthday TIMESTAMP)",
            "INSERT INTO MidnightBirthdays VALUES (TIMESTAMP '1990-01-31 00:00:00'), (TIMESTAMP '1985-06-01 00:00:00'), (TIMESTAMP '1970-02-03 00:00:01')",
            "CREATE TABLE Phones (phone_number VARCHAR)",
            """
            INSERT INTO Phones VALUES
              ('+90 532 123 45 67'), ('+90 (532) 123-45-67'), ('+90.532.123.45.67'), ('+905321234567'),
              ('0532 123 45 67'), ('+1 (415) 555-0100'), ('+1' || chr(160) || '415 555 0199'), ('+44 20 7946 0958 ext 12')
            """);
        _harness = await HeraldHarness.StartAsync(source);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Uuid_ThatDuckDbsCsvWriterWouldQuote_ArrivesExactlyAsWritten()
    {
        var (run, values) = await SendAsync("uuid", "SELECT uuid FROM Ids");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["#7", "a b", "it's", "semi;colon", "store#12", "zoë"], ignoreOrder: true);
        run.Report!.Invalid.ShouldBe(0);
    }

    [Fact]
    public async Task Uuid_ThatDuckDbsCsvWriterWouldQuote_ArrivesExactlyAsWrittenInAnUpdateThroughTheComparison()
    {
        var segment = $"Wire add {Guid.NewGuid():N}"[..30];
        var destination = await HeraldApi.ReadAsync<DestinationView>(
            await _harness.Api.Http.PostAsJsonAsync("/api/destinations",
                new DestinationInput($"add-{Guid.NewGuid():N}"[..20], (await _harness.Api.AddCredentialAsync($"cred-{Guid.NewGuid():N}"[..20])).Name,
                    segment, "uuid", null, UpdateMode: "add")),
            System.Net.HttpStatusCode.Created);
        (await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT uuid FROM Ids WHERE uuid = 'zoë'")).State.ShouldBe("succeeded");

        var update = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT uuid FROM Ids WHERE uuid <> 'zoë'");

        update.State.ShouldBe("succeeded", update.Reason);
        update.History.Select(e => e.State).ShouldContain("comparing", "the second send is an update, its part written by the comparison");
        (update.Diff!.Added, update.Diff.Kept).ShouldBe((5, 1));
        _harness.Simulator.Segments.Single(s => s.Name == segment).Values
            .ShouldBe(["#7", "a b", "it's", "semi;colon", "store#12", "zoë"], ignoreOrder: true);
        update.Report!.Invalid.ShouldBe(0);
    }

    [Fact]
    public async Task Email_WithAHash_IsCountedValidByInsiderOne()
    {
        var (run, values) = await SendAsync("email", "SELECT email FROM Emails WHERE email LIKE 'store#%'");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["store#12@example.com"]);
        run.Report!.Valid.ShouldBe(1);
    }

    [Fact]
    public async Task Emails_WithUnicodeBlanksFormatAndControlCharacters_AreTrimmedOrSetAsideAndTheFileHasNoByteOrderMark()
    {
        var (run, values) = await SendAsync("email", "SELECT email FROM Emails WHERE email NOT LIKE 'store#%'");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["bom@example.com", "c@x.com"], ignoreOrder: true);
        var counts = run.Counts!;
        counts.RowsQueried.ShouldBe(8);
        counts.DuplicateValues.ShouldBe(2, "c@x.com with a no-break space, a zero-width space or a line separator around it is c@x.com");
        counts.EmptyValues.ShouldBe(1, "a value of blanks and format characters only is empty");
        counts.SetAside.ShouldBe(new Dictionary<string, long> { ["control_character"] = 3 });
        (counts.ValuesSent + counts.EmptyValues + counts.DuplicateValues + counts.SetAside.Values.Sum()).ShouldBe(counts.RowsQueried);
        run.Report!.Invalid.ShouldBe(0, "a strict Insider One finds no blank, byte-order mark or control character");
    }

    [Fact]
    public async Task Uuid_FromADoubleColumn_IsWrittenAsTheWholeNumberAndAFractionIsSetAsideWithAHintToCast()
    {
        var (run, values) = await SendAsync("uuid", "SELECT uuid FROM Floats");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["-3", "42", "7"], ignoreOrder: true);
        run.Counts!.SetAside.ShouldBe(new Dictionary<string, long> { ["fractional_number"] = 2 }, "42.5, and 1e300 that a double cannot hold exactly");
        run.Counts.Normalized!.ShouldBe(new Dictionary<string, long> { ["whole_number"] = 3 });
        var built = run.History.Single(h => h.State == "comparing").Reason;
        built.ShouldContain("is DOUBLE");
        built.ShouldContain("CAST(uuid AS BIGINT)");
    }

    [Fact]
    public async Task Uuid_FromADecimalColumn_HasNoTrailingZeros()
    {
        var (run, values) = await SendAsync("uuid", "SELECT uuid FROM Decimals");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["1234", "42"], ignoreOrder: true);
        run.Counts!.SetAside.ShouldBe(new Dictionary<string, long> { ["fractional_number"] = 1 });
    }

    [Fact]
    public async Task Age_WithAnExponentOrSeparators_IsSetAsideAsInsiderOneWouldCountItInvalid()
    {
        var (run, values) = await SendAsync("age", "SELECT age FROM Ages");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["-3.5", "12", "42"], ignoreOrder: true);
        run.Counts!.SetAside.ShouldBe(new Dictionary<string, long> { ["comma"] = 1, ["invalid_number"] = 1 });
        run.Report!.Invalid.ShouldBe(0);
    }

    [Fact]
    public async Task Age_FromADoubleColumn_NeverGoesOutWithAnExponent()
    {
        var (run, values) = await SendAsync("age", "SELECT age FROM DoubleAges");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["0.5", "42"], ignoreOrder: true);
        run.Counts!.SetAside.ShouldBe(new Dictionary<string, long> { ["invalid_number"] = 1 });
        run.Report!.Invalid.ShouldBe(0);
    }

    [Fact]
    public async Task Birthday_AsTimestampsWithATime_KeepsTheCountsAndSaysToCastToDate()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync($"Birthdays {Guid.NewGuid():N}"[..30], "birthday");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, "SELECT birthday FROM Birthdays");

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("audience");
        run.Counts.ShouldNotBeNull();
        run.Counts.RowsQueried.ShouldBe(2);
        run.Counts.SetAside.ShouldBe(new Dictionary<string, long> { ["invalid_date"] = 2 });
        run.Reason.ShouldContain("CAST(birthday AS DATE)");
        _harness.Simulator.Requests.ShouldNotContain(r => r.Path.EndsWith("upload") && r.Body.Contains(destination.SegmentName));
    }

    [Fact]
    public async Task Birthday_AsMidnightTimestamps_IsWrittenAsItsDate()
    {
        var (run, values) = await SendAsync("birthday", "SELECT birthday FROM MidnightBirthdays");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["1985-06-01", "1990-01-31"], ignoreOrder: true);
        run.Counts!.Normalized!.ShouldBe(new Dictionary<string, long> { ["midnight_timestamp"] = 2 });
        run.Counts.SetAside.ShouldBe(new Dictionary<string, long> { ["invalid_date"] = 1 });
        run.Report!.Invalid.ShouldBe(0);
    }

    [Fact]
    public async Task PhoneNumbers_WrittenForPeople_AreSentInE164AndCountedAsNormalized()
    {
        var (run, values) = await SendAsync("phone_number", "SELECT phone_number FROM Phones");

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["+14155550100", "+14155550199", "+905321234567"], ignoreOrder: true);
        var counts = run.Counts!;
        counts.Normalized!.ShouldBe(new Dictionary<string, long> { ["phone_punctuation"] = 5 });
        counts.DuplicateValues.ShouldBe(3);
        counts.SetAside.ShouldBe(new Dictionary<string, long> { ["invalid_phone_number"] = 2 }, "no + (a national number), and an extension");
        (counts.ValuesSent + counts.EmptyValues + counts.DuplicateValues + counts.SetAside.Values.Sum()).ShouldBe(counts.RowsQueried);
        run.Report!.Invalid.ShouldBe(0);
    }

    [Theory]
    [InlineData("SELECT uuid FROM Ids WHERE uuid = 'store#12';\n-- the stores of the pilot\n")]
    [InlineData("SELECT uuid FROM Ids WHERE uuid = 'store#12'; -- pilot; ends here")]
    [InlineData("SELECT uuid FROM Ids WHERE uuid = 'store#12' /* pilot */ ;;\n/* trailing */")]
    [InlineData("SELECT uuid FROM Ids WHERE uuid = 'store#12' -- no semicolon")]
    public async Task Query_EndingWithSemicolonsAndComments_Runs(string query)
    {
        var (run, values) = await SendAsync("uuid", query);

        run.State.ShouldBe("succeeded", run.Reason);
        values.ShouldBe(["store#12"]);
    }

    [Fact]
    public async Task TestSend_OfAQueryEndingWithASemicolonAndAComment_Runs()
    {
        var segment = $"Sample {Guid.NewGuid():N}"[..30];
        var destination = await _harness.Api.AddDestinationWithCredentialAsync(segment, "uuid");
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/sends",
            new SendRequest(destination.Name, "SELECT uuid FROM Ids;\n-- all of them\n", SampleSize: 2));
        var started = await HeraldApi.ReadAsync<RunView>(response, System.Net.HttpStatusCode.Accepted);

        var run = await _harness.Api.WaitForAsync(started.Id);

        run.State.ShouldBe("succeeded", run.Reason);
        // The sample is taken after the value rules, inside the build: exactly 2 values go, the rest set aside as beyond it.
        run.Counts!.ValuesSent.ShouldBe(2);
        run.Counts.SetAside["beyond_sample"].ShouldBe(run.Counts.RowsQueried - 2 - run.Counts.EmptyValues - run.Counts.DuplicateValues - run.Counts.SetAside.Where(p => p.Key != "beyond_sample").Sum(p => p.Value));
    }

    [Theory]
    [InlineData("SELECT $1 AS uuid")]
    [InlineData("SELECT ? AS uuid")]
    public async Task Query_WithAParameterPlaceholder_IsAQueryMistakeWithDuckDbsMessage(string query)
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync($"Params {Guid.NewGuid():N}"[..30], "uuid");

        var run = await _harness.Api.SendAndWaitAsync(destination.Name, query);

        run.State.ShouldBe("failed");
        run.Failure.ShouldBe("audience");
        run.Reason.ShouldContain("The query failed in DuckDB");
        run.Reason.ShouldContain("parameters");
    }

    [Fact]
    public async Task Upload_CarriesContentLengthAndNoChunkedBody()
    {
        var (run, _) = await SendAsync("uuid", "SELECT uuid FROM Ids WHERE uuid = 'zoë'");

        run.State.ShouldBe("succeeded", run.Reason);
        var uploads = _harness.Simulator.Requests.Where(r => r.Path.EndsWith("upload")).ToList();
        uploads.ShouldNotBeEmpty();
        uploads.ShouldAllBe(r => r.Headers.ContainsKey("Content-Length") && !r.Headers.ContainsKey("Transfer-Encoding"));
    }

    private async Task<(RunView Run, IReadOnlyList<string> Values)> SendAsync(string attribute, string query)
    {
        var segment = $"Wire {Guid.NewGuid():N}"[..30];
        var destination = await _harness.Api.AddDestinationWithCredentialAsync(segment, attribute);
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, query);
        var values = _harness.Simulator.Segments.SingleOrDefault(s => s.Name == segment)?.Values ?? [];
        return (run, values);
    }
}
