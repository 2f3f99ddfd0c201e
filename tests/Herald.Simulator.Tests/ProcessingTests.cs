using System.Net;
using System.Text.Json;
using Herald.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Simulator.Tests;

/// <summary>insider-one.md sections 2 to 4: after accepting, the simulator downloads the file, counts, stores and
/// calls back.</summary>
public sealed class ProcessingTests
{
    [Fact]
    public async Task Upload_OfThreeValidAndTwoInvalidEmails_CallsBackWithSnakeCaseCounts()
    {
        await using var scenario = await Scenario.StartAsync();
        var fileUrl = scenario.Herald.HostValues("ada@example.com", "not-an-email", "grace@example.org", "alan@", "linus@example.fi");

        var response = await scenario.Api.UploadAsync("VIP customers", fileUrl, scenario.Herald.CallbackUrl, "email");
        var callbacks = await scenario.Herald.WaitForCallbacksAsync(1);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var callback = callbacks.ShouldHaveSingleItem();
        callback.Path.ShouldBe("/callbacks/run-secret");
        var fields = callback.Json.EnumerateObject().ToDictionary(field => field.Name, field => field.Value);
        fields.Keys.ShouldBe(["segment_name", "valid_values_count", "invalid_values_count", "total_entered_values"], ignoreOrder: true);
        fields["segment_name"].GetString().ShouldBe("VIP customers");
        fields["valid_values_count"].GetInt32().ShouldBe(3);
        fields["invalid_values_count"].GetInt32().ShouldBe(2);
        fields["total_entered_values"].GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task Processing_StoresValidValuesAndCounts_AndMarksSegmentProcessed()
    {
        await using var scenario = await Scenario.StartAsync();

        await scenario.UploadAndWaitAsync("Buyers", "phone_number", "+905551234567", "05551234567", "+14155550100");

        var segment = scenario.Segment("Buyers");
        segment.State.ShouldBe(SegmentStates.Processed);
        segment.Values.ShouldBe(["+905551234567", "+14155550100"]);
        (segment.Valid, segment.Invalid, segment.Total).ShouldBe((2, 1, 3));
        scenario.Simulator.Callbacks.ShouldHaveSingleItem().Status.ShouldBe(200);
    }

    [Fact]
    public async Task Processing_CountsValuesHoldingCommaOrQuoteAsInvalid()
    {
        await using var scenario = await Scenario.StartAsync();

        await scenario.UploadAndWaitAsync("Names", "name", "Ada", "Lovelace, Ada", "\"Grace\"", "Linus");

        var segment = scenario.Segment("Names");
        (segment.Valid, segment.Invalid, segment.Total).ShouldBe((2, 2, 4));
        segment.Values.ShouldBe(["Ada", "Linus"]);
    }

    [Fact]
    public async Task Processing_OfFileWithCrLfLineEndings_CountsEveryValueInvalid()
    {
        await using var scenario = await Scenario.StartAsync();
        var fileUrl = scenario.Herald.HostFile("ada@example.com\r\ngrace@example.org\r\n");

        await scenario.Api.UploadAsync("Windows file", fileUrl, scenario.Herald.CallbackUrl);
        await scenario.WaitForIdleAsync();

        var segment = scenario.Segment("Windows file");
        (segment.Valid, segment.Invalid, segment.Total).ShouldBe((0, 2, 2));
    }

    [Fact]
    public async Task Processing_IgnoresEmptyLines_AndReadsLastLineWithoutNewline()
    {
        await using var scenario = await Scenario.StartAsync();
        var fileUrl = scenario.Herald.HostFile("u-1\n\nu-2\nu-3");

        await scenario.Api.UploadAsync("Ids", fileUrl, scenario.Herald.CallbackUrl, "uuid");
        await scenario.WaitForIdleAsync();

        scenario.Segment("Ids").Values.ShouldBe(["u-1", "u-2", "u-3"]);
        scenario.Segment("Ids").Total.ShouldBe(3);
    }

    [Fact]
    public async Task Processing_OfCustomAttribute_CountsByItsConfiguredType()
    {
        await using var scenario = await Scenario.StartAsync(options => options.CustomAttributes = new() { ["store_id"] = "number" });

        await scenario.UploadAndWaitAsync("Store 12", "store_id", "12", "12.5", "twelve");

        var segment = scenario.Segment("Store 12");
        (segment.Valid, segment.Invalid).ShouldBe((2, 1));
    }

    [Fact]
    public async Task Reupload_BySameToken_IsAcceptedAndReplacesTheValues()
    {
        await using var scenario = await Scenario.StartAsync();
        await scenario.UploadAndWaitAsync("VIP", "email", "a@example.com", "b@example.com", "c@example.com");

        var response = await scenario.UploadAndWaitAsync("VIP", "email", "d@example.com", "e@example.com");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var segment = scenario.Segment("VIP");
        segment.Values.ShouldBe(["d@example.com", "e@example.com"]);
        (segment.Valid, segment.Total, segment.UploadCount).ShouldBe((2, 2, 2));
        scenario.Herald.Callbacks.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Reupload_ToSegmentSeededAsCreatedThroughTheApi_ReplacesItsValues()
    {
        await using var scenario = await Scenario.StartAsync();
        scenario.Simulator.SeedSegment("herald-demo", "VIP", ["old@example.com"], createdInPanel: false);

        var response = await scenario.UploadAndWaitAsync("VIP", "email", "new@example.com");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        scenario.Segment("VIP").Values.ShouldBe(["new@example.com"]);
    }

    [Fact]
    public async Task Processing_WhenFileUrlHasExpired_MarksDownloadFailed_AndSendsNoCallback()
    {
        await using var scenario = await Scenario.StartAsync();

        var response = await scenario.Api.UploadAsync("Expired", scenario.Herald.ExpiredFileUrl(), scenario.Herald.CallbackUrl);
        await scenario.WaitForIdleAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var segment = scenario.Segment("Expired");
        segment.State.ShouldBe(SegmentStates.DownloadFailed);
        segment.FailureReason.ShouldNotBeNull().ShouldContain("403");
        scenario.Simulator.Callbacks.ShouldBeEmpty();
        scenario.Herald.Callbacks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Processing_WhenFileServerIsUnreachable_MarksDownloadFailed()
    {
        await using var scenario = await Scenario.StartAsync();

        await scenario.Api.UploadAsync("Unreachable", $"http://127.0.0.1:{ClosedPort.Find()}/a.csv", scenario.Herald.CallbackUrl);
        await scenario.WaitForIdleAsync();

        scenario.Segment("Unreachable").State.ShouldBe(SegmentStates.DownloadFailed);
        scenario.Herald.Callbacks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Processing_OfFileLargerThanTheLimit_MarksDownloadFailedWithFileSizeReason()
    {
        await using var scenario = await Scenario.StartAsync(options => options.MaxFileBytes = 20);

        await scenario.UploadAndWaitAsync("Big", "email", "ada@example.com", "grace@example.org");

        var segment = scenario.Segment("Big");
        segment.State.ShouldBe(SegmentStates.DownloadFailed);
        segment.FailureReason.ShouldBe("file size is more than the limit");
        scenario.Herald.Callbacks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Processing_WaitsTheProcessingDelayBeforeDownloading()
    {
        var clock = new FakeTimeProvider();
        await using var scenario = await Scenario.StartAsync(options =>
        {
            options.TimeProvider = clock;
            options.ProcessingDelay = TimeSpan.FromSeconds(30);
        });

        var sentAt = clock.GetUtcNow();
        await scenario.Api.UploadAsync("Later", scenario.Herald.HostValues("a@b.co"), scenario.Herald.CallbackUrl);
        await clock.AdvanceUntilAsync(() => scenario.Simulator.Callbacks.Count == 1, "the callback after processing");

        (scenario.Simulator.Callbacks.Single().At - sentAt).ShouldLastAtLeast(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CallbackBody_IsTheSerializedSnakeCaseObject()
    {
        await using var scenario = await Scenario.StartAsync();

        await scenario.UploadAndWaitAsync("Exact", "uuid", "u-1");

        var body = scenario.Herald.Callbacks.ShouldHaveSingleItem().Body;
        body.ShouldBe("""{"segment_name":"Exact","valid_values_count":1,"invalid_values_count":0,"total_entered_values":1}""");
        JsonDocument.Parse(body).RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
    }
}
