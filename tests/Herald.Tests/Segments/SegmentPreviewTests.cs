using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Segments;

/// <summary>
/// A segment's preview says how many members it has and, per identifier column, how many of them a run could reach:
/// counts the test computes itself from the sample customer 360, and that the run then agrees with.
/// </summary>
public sealed class SegmentPreviewTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Preview_CountsMembersAndUsableValuesPerIdentifier_AsTheCustomer360Holds()
    {
        var segment = await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);

        var preview = await _harness.Api.Http.PreviewAsync(segment.Name);

        preview.Size.ShouldBe(Scalar("SELECT count(DISTINCT amperity_id) FROM Customer_360 WHERE loyalty_tier = 'gold'"));
        preview.Size.ShouldBeGreaterThan(0);
        preview.WithDestinationRules.ShouldBeFalse();
        preview.Identifiers.Select(i => i.Column).ShouldBe(["email", "phone"]);
        foreach (var column in new[] { "email", "phone" })
        {
            var counted = preview.Identifiers.Single(i => i.Column == column);
            counted.Pii.ShouldBeTrue();
            counted.MembersFound.ShouldBe(Scalar("SELECT count(*) FROM Customer_360 WHERE loyalty_tier = 'gold'"));
            counted.EmptyValues.ShouldBe(Scalar($"SELECT count(*) FROM Customer_360 WHERE loyalty_tier = 'gold' AND coalesce(trim({column}), '') = ''"));
            // Without a destination, a usable value is any non-empty one a one-column file can carry, counted once.
            counted.UsableValues.ShouldBe(Scalar(
                $$"""
                SELECT count(DISTINCT trim({{column}})) FROM Customer_360
                WHERE loyalty_tier = 'gold' AND coalesce(trim({{column}}), '') <> '' AND NOT regexp_matches({{column}}, '\p{Cc}|[,"]')
                """));
        }
        preview.Columns.ShouldBe(["amperity_id", "email", "phone"]);
        preview.Rows.Count.ShouldBe(10);
        preview.Redacted.ShouldBeNull();
        preview.Summary.ShouldStartWith($"The segment has {preview.Size:N0} member(s)");
    }

    [Fact]
    public async Task Preview_WithADestination_CountsByItsRule_WhatTheOrchestrationsRunThenSends()
    {
        var api = _harness.Api;
        var segment = await api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        var emails = await api.AddDestinationWithCredentialAsync(SegmentHarness.Unique("Gold emails"), "email");
        (await api.AddSegmentOrchestrationAsync("gold-emails", emails.Name, segment.Name, "email")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var preview = await api.Http.PreviewAsync(segment.Name, emails.Name);
        var run = await api.RunAndWaitAsync("gold-emails");

        preview.WithDestinationRules.ShouldBeTrue();
        var email = preview.Identifiers.ShouldHaveSingleItem();
        email.Column.ShouldBe("email");
        run.State.ShouldBe("succeeded", run.Reason);
        email.UsableValues.ShouldBe(run.Counts!.ValuesSent);
        email.SetAside.ShouldBeGreaterThan(0);
        email.UsableValues.ShouldBe(_harness.Simulator.Segments.Single(s => s.Name == emails.SegmentName).Values.Count);
    }

    [Fact]
    public async Task Preview_ForACallerWhosePolicyRestrictsPii_HidesTheIdentifierValues_ButKeepsTheCounts()
    {
        var segment = await _harness.Api.AddSegmentAsync("gold", SegmentHarness.GoldSql);
        using var restricted = await _harness.Api.ClientForNewUserAsync("rita", "User", restrictPii: true);
        using var allowed = await _harness.Api.ClientForNewUserAsync("ulf", "User", restrictPii: false);

        var hidden = await restricted.PreviewAsync(segment.Name);
        var shown = await allowed.PreviewAsync(segment.Name);
        var unsaved = await HeraldApi.ReadAsync<SegmentPreviewView>(
            await restricted.PostAsJsonAsync("/api/segments/preview", new SegmentPreviewRequest(SegmentHarness.GoldSql)), HttpStatusCode.OK);

        foreach (var preview in new[] { hidden, unsaved })
        {
            preview.Redacted.ShouldNotBeNull().ShouldContain("Customer_360.email");
            preview.Rows.ShouldAllBe(row => row[1] == "•••" && row[2] == "•••" && row[0]!.Length == 36);
            preview.Identifiers.ShouldBe(shown.Identifiers);
            preview.Size.ShouldBe(shown.Size);
        }
        shown.Redacted.ShouldBeNull();
        shown.Rows.ShouldContain(row => row[1] != null && row[1]!.Contains('@'));
        hidden.Rows.Select(r => r[0]).ShouldBe(shown.Rows.Select(r => r[0]));
    }

    private long Scalar(string sql) => TestDatabases.Scalar(_harness.SourcePath, sql);
}
