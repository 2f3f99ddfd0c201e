using System.Net;
using System.Net.Http.Json;
using Herald.Server.Api;
using Herald.Tests.Support;

namespace Herald.Tests.Server;

/// <summary>Names Insider One would refuse are refused when the credential or destination is saved.</summary>
public sealed class CatalogRulesApiTests : IAsyncLifetime
{
    private HeraldHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await HeraldHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("This segment name is far too long to fit in", "at most 40")]
    [InlineData("", "segment name is empty")]
    public async Task Destination_WithABadSegmentName_IsRefused(string segmentName, string message)
    {
        await _harness.Api.AddCredentialAsync("rules-cred");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/destinations", new DestinationInput("d1", "rules-cred", segmentName, "email", null));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await _harness.Api.Http.GetStringAsync("/api/destinations")).ShouldBe("[]");
    }

    [Theory]
    [InlineData("Email", "did you mean 'email'")]
    [InlineData("store id", "did you mean 'store_id'")]
    public async Task Destination_WithAnAttributeNameNotLowercaseOrWithSpaces_IsRefused(string attributeName, string suggestion)
    {
        await _harness.Api.AddCredentialAsync("attr-cred");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/destinations", new DestinationInput("d2", "attr-cred", "Segment", attributeName, null));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain(suggestion);
    }

    [Fact]
    public async Task Credential_WithAPartnerNameNotLowercase_IsRefused()
    {
        var response = await _harness.Api.Http.PostAsJsonAsync("/api/credentials", new CredentialInput("c1", "insiderone", "MyBrand", "token", null));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("use 'mybrand'");
    }

    [Fact]
    public async Task Credential_InUse_CannotBeDeletedAndSaysByWhat()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Keeps credential");

        var response = await _harness.Api.Http.DeleteAsync($"/api/credentials/{destination.CredentialName}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain(destination.Name);
    }

    [Fact]
    public async Task Orchestration_WithAWriteStatement_IsRefusedWhenSaved()
    {
        var destination = await _harness.Api.AddDestinationWithCredentialAsync("Guarded");

        var response = await _harness.Api.Http.PostAsJsonAsync("/api/orchestrations", new OrchestrationInput("bad", destination.Name, "DROP TABLE Customer_360"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("read-only");
    }

    [Fact]
    public async Task MalformedJson_IsAnsweredWithAClearMessage()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        var response = await _harness.Api.Http.PostAsync("/api/credentials", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("could not be read");
    }
}
