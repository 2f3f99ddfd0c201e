using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Segments;

/// <summary>
/// One saved segment serves several destinations: each orchestration sends the segment's members' values of the
/// identifier column it chose, through the real path (DuckDB on the sample customer 360, the simulator over HTTP).
/// </summary>
public sealed class SegmentSendTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task OneSegment_ThroughAnEmailAndAPhoneDestination_SendsEachMembersIdentifier_AsTheEquivalentQueryWould()
    {
        var api = _harness.Api;
        var segment = await api.AddSegmentAsync(SegmentHarness.Unique("gold"), SegmentHarness.GoldSql);
        var emails = await api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Gold emails"), "email");
        var phones = await api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Gold phones"), "phone_number");
        (await api.AddSegmentOrchestrationAsync("gold-emails", emails.Name, segment.Name, "email")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.AddSegmentOrchestrationAsync("gold-phones", phones.Name, segment.Name, "phone")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var emailRun = await api.RunAndWaitAsync("gold-emails");
        var phoneRun = await api.RunAndWaitAsync("gold-phones");

        emailRun.State.ShouldBe("succeeded", emailRun.Reason);
        phoneRun.State.ShouldBe("succeeded", phoneRun.Reason);
        var sentEmails = ValuesOf(emails.SegmentName);
        var sentPhones = ValuesOf(phones.SegmentName);
        sentEmails.ShouldNotBeEmpty();
        sentPhones.ShouldNotBeEmpty();
        sentEmails.ShouldAllBe(v => v.Contains('@'));
        sentPhones.ShouldAllBe(v => v.StartsWith('+'));
        // What the user would have written by hand, sent to segments of its own: the same values arrive.
        sentEmails.ShouldBe(await SentByQueryAsync("email", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'"), ignoreOrder: true);
        sentPhones.ShouldBe(await SentByQueryAsync("phone_number", "SELECT phone AS phone_number FROM Customer_360 WHERE loyalty_tier = 'gold'"), ignoreOrder: true);
        // Every email sent is a gold member's, read from the customer 360 by the test itself.
        var goldEmails = SegmentHarness.GoldEmails(_harness.SourcePath);
        sentEmails.ShouldAllBe(v => goldEmails.Contains(v.ToLowerInvariant()));
        (await api.Http.GetFromJsonAsync<SegmentView>($"/api/segments/{segment.Name}", HeraldApi.Json))!.UsedBy.ShouldBe(["gold-emails", "gold-phones"]);
    }

    [Fact]
    public async Task ChangingTheSegment_ChangesWhatEveryOrchestrationSendingItSends_AtItsNextRun()
    {
        var api = _harness.Api;
        var segment = await api.AddSegmentAsync(SegmentHarness.Unique("tier"), SegmentHarness.GoldSql);
        var emails = await api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Tier emails"), "email");
        (await api.AddSegmentOrchestrationAsync("tier-emails", emails.Name, segment.Name, "email")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.RunAndWaitAsync("tier-emails")).State.ShouldBe("succeeded");
        var gold = ValuesOf(emails.SegmentName);

        var changed = await api.Http.PutAsJsonAsync($"/api/segments/{segment.Name}",
            new SegmentUpdate("SELECT amperity_id FROM Customer_360 WHERE loyalty_tier IN ('gold', 'silver')", null));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var second = await api.RunAndWaitAsync("tier-emails");

        second.State.ShouldBe("succeeded", second.Reason);
        var goldAndSilver = ValuesOf(emails.SegmentName);
        goldAndSilver.ShouldBe(await SentByQueryAsync("email", "SELECT email FROM Customer_360 WHERE loyalty_tier IN ('gold', 'silver')"), ignoreOrder: true);
        goldAndSilver.Count.ShouldBeGreaterThan(gold.Count);
        gold.ShouldBeSubsetOf(goldAndSilver);
    }

    [Fact]
    public async Task TestSend_OfASegmentOrchestration_SendsTheSampleOfItsIdentifierValues()
    {
        var api = _harness.Api;
        var segment = await api.AddSegmentAsync(SegmentHarness.Unique("sample"), SegmentHarness.GoldSql);
        var emails = await api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Sample emails"), "email");
        (await api.AddSegmentOrchestrationAsync("sample-emails", emails.Name, segment.Name, "email")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var testSegment = SegmentHarness.Unique("Test of gold");

        var started = await HeraldApi.ReadAsync<RunView>(
            await api.Http.PostAsJsonAsync("/api/orchestrations/sample-emails/test-sends", new TestSendRequest(testSegment, 10)), HttpStatusCode.Accepted);
        var run = await api.WaitForAsync(started.Id);

        run.State.ShouldBe("succeeded", run.Reason);
        var sent = ValuesOf(testSegment);
        sent.Count.ShouldBe(10);
        var goldEmails = SegmentHarness.GoldEmails(_harness.SourcePath);
        sent.ShouldAllBe(v => goldEmails.Contains(v.ToLowerInvariant()));
    }

    private IReadOnlyList<string> ValuesOf(string segmentName) =>
        _harness.Simulator.Segments.Single(s => s.Name == segmentName).Values;

    private async Task<IReadOnlyList<string>> SentByQueryAsync(string attribute, string query)
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("By query"), attribute);
        var run = await _harness.Api.SendAndWaitAsync(destination.Name, query);
        run.State.ShouldBe("succeeded", run.Reason);
        return ValuesOf(destination.SegmentName);
    }
}
