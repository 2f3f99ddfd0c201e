using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;
using Herald.InsiderOne;

namespace Herald.Tests.Storage.Contracts;

/// <summary>What an <see cref="ICatalogStore"/> promises, whatever keeps it.</summary>
public abstract class CatalogStoreContract : StoreContract<ICatalogStore>
{
    private const string ApiToken = InsiderOneCredentialSettings.ApiTokenSecret;

    [Fact]
    public async Task Credential_SavedWithAToken_IsFoundByNameAndId_AndRevealsItsTokenOnly()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");

        (await Store.FindCredentialAsync("insider-prod", default)).ShouldBe(credential);
        (await Store.FindCredentialAsync(credential.Id.ToString(), default)).ShouldBe(credential);
        (await Store.GetCredentialAsync(credential.Id, default)).ShouldBe(credential);
        (await Store.RevealSecretAsync(credential.Id, ApiToken, default)).ShouldBe("token-1");
        credential.ToString().ShouldNotContain("token-1");
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.RevealSecretAsync(credential.Id, "private-key", default));
    }

    [Fact]
    public async Task Credential_SavedAgainWithoutAToken_KeepsItsToken_AndANewTokenRotatesIt()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");

        var renamed = credential with { Settings = InsiderOneCredentialSettings.Document("otherbrand"), UpdatedAt = Now.AddMinutes(1) };
        await Store.SaveCredentialAsync(renamed, SecretValues.None, default);
        (await Store.RevealSecretAsync(credential.Id, ApiToken, default)).ShouldBe("token-1");
        (await Store.GetCredentialAsync(credential.Id, default)).ShouldBe(renamed);

        await Store.SaveCredentialAsync(credential, SecretValues.Of(ApiToken, "token-2"), default);
        (await Store.RevealSecretAsync(credential.Id, ApiToken, default)).ShouldBe("token-2");
    }

    [Fact]
    public async Task Credential_WithSeveralNamedSecrets_RevealsEachByItsName_AndRotatesOneWithoutTheOthers()
    {
        var credential = new Credential(Guid.NewGuid(), "warehouse", "snowflake", SettingsDocument.Parse("""{"account":"xy12345","user":"HERALD"}"""), null, Now, Now);
        await Store.SaveCredentialAsync(credential, new SecretValues([new("private-key", "-----BEGIN KEY-----"), new("passphrase", "pass-1")]), default);

        await Store.SaveCredentialAsync(credential, SecretValues.Of("passphrase", "pass-2"), default);

        (await Store.GetCredentialAsync(credential.Id, default)).ShouldBe(credential);
        (await Store.RevealSecretAsync(credential.Id, "private-key", default)).ShouldBe("-----BEGIN KEY-----");
        (await Store.RevealSecretAsync(credential.Id, "passphrase", default)).ShouldBe("pass-2");
        await Store.DeleteCredentialAsync(credential.Id, default);
        await Should.ThrowAsync<KeyNotFoundException>(() => Store.RevealSecretAsync(credential.Id, "passphrase", default));
    }

    [Fact]
    public async Task Destination_Saved_KeepsEveryField_AndIsListedByName()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");
        var vip = new Destination(Guid.NewGuid(), "vip-emails", credential.Id,
            InsiderOneDestinationSettings.Document("VIP customers", "email", "add", allowSplit: true, shrinkGuardShare: 0.25), "the VIPs", Now, Now);
        var all = vip with { Id = Guid.NewGuid(), Name = "all-emails", Settings = InsiderOneDestinationSettings.Document("All", "email"), Description = null };

        await Store.SaveDestinationAsync(vip, default);
        await Store.SaveDestinationAsync(all, default);

        (await Store.FindDestinationAsync("vip-emails", default)).ShouldBe(vip);
        (await Store.FindDestinationAsync("vip-emails", default))!.InsiderOne().ShouldBe(new InsiderOneDestinationSettings("VIP customers", "email", SegmentUpdateMode.Add, true, 0.25));
        (await Store.GetDestinationAsync(all.Id, default)).ShouldBe(all);
        (await Store.ListDestinationsAsync(default)).Select(d => d.Name).ShouldBe(["all-emails", "vip-emails"]);
    }

    [Fact]
    public async Task Orchestration_SavedAndUpdated_KeepsItsQuery_AndIsGoneOnceDeleted()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");
        var destination = new Destination(Guid.NewGuid(), "vip-emails", credential.Id, InsiderOneDestinationSettings.Document("VIP customers", "email"), null, Now, Now);
        await Store.SaveDestinationAsync(destination, default);
        var orchestration = new Orchestration(Guid.NewGuid(), "vip-daily", destination.Id, "SELECT email FROM Customer_360", false, null, Now, Now);

        await Store.SaveOrchestrationAsync(orchestration, default);
        var changed = orchestration with { Query = "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'", AllowEmpty = true, UpdatedAt = Now.AddHours(1) };
        await Store.SaveOrchestrationAsync(changed, default);

        (await Store.FindOrchestrationAsync("vip-daily", default)).ShouldBe(changed);
        await Store.DeleteOrchestrationAsync(orchestration.Id, default);
        (await Store.FindOrchestrationAsync("vip-daily", default)).ShouldBeNull();
        (await Store.ListOrchestrationsAsync(default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Segment_SavedUpdatedAndSentByAnOrchestration_KeepsEveryField_AndIsGoneOnceDeleted()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");
        var destination = new Destination(Guid.NewGuid(), "vip-emails", credential.Id, InsiderOneDestinationSettings.Document("VIP customers", "email"), null, Now, Now);
        await Store.SaveDestinationAsync(destination, default);
        var gold = new SavedSegment(Guid.NewGuid(), "gold", "SELECT amperity_id FROM Customer_360 WHERE loyalty_tier = 'gold'", "Gold tier", Now, Now);
        var orchestration = new Orchestration(Guid.NewGuid(), "gold-emails", destination.Id, "", false, null, Now, Now) { Segment = "gold", IdentifierColumn = "email" };

        await Store.SaveSegmentAsync(gold, default);
        await Store.SaveSegmentAsync(gold with { Id = Guid.NewGuid(), Name = "all", Sql = "SELECT amperity_id FROM Customer_360", Description = null }, default);
        var changed = gold with { Sql = "SELECT amperity_id FROM Customer_360 WHERE loyalty_tier = 'silver'", UpdatedAt = Now.AddHours(1) };
        await Store.SaveSegmentAsync(changed, default);
        await Store.SaveOrchestrationAsync(orchestration, default);

        (await Store.FindSegmentAsync("gold", default)).ShouldBe(changed);
        (await Store.FindSegmentAsync(gold.Id.ToString(), default)).ShouldBe(changed);
        (await Store.ListSegmentsAsync(default)).Select(s => s.Name).ShouldBe(["all", "gold"]);
        (await Store.FindOrchestrationAsync("gold-emails", default)).ShouldBe(orchestration);
        (await Store.FindSegmentAsync("' OR '1'='1", default)).ShouldBeNull();
        await Store.DeleteSegmentAsync(gold.Id, default);
        (await Store.FindSegmentAsync("gold", default)).ShouldBeNull();
    }

    [Fact]
    public async Task Find_WithANameThatIsNotThere_ReturnsNothing_EvenWhenItLooksLikeSql()
    {
        await SaveCredentialAsync("insider-prod", "token-1");

        (await Store.FindCredentialAsync("' OR '1'='1", default)).ShouldBeNull();
        (await Store.FindDestinationAsync("nothing", default)).ShouldBeNull();
        (await Store.FindOrchestrationAsync(Guid.NewGuid().ToString(), default)).ShouldBeNull();
    }

    private async Task<Credential> SaveCredentialAsync(string name, string token)
    {
        var credential = new Credential(Guid.NewGuid(), name, Plugins.InsiderOne, InsiderOneCredentialSettings.Document("mybrand"), null, Now, Now);
        await Store.SaveCredentialAsync(credential, SecretValues.Of(ApiToken, token), default);
        return credential;
    }
}
