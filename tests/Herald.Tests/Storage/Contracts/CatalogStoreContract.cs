using Herald.Core.Catalog;
using Herald.Core.Ports;
using Herald.Core.Updates;

namespace Herald.Tests.Storage.Contracts;

/// <summary>What an <see cref="ICatalogStore"/> promises, whatever keeps it.</summary>
public abstract class CatalogStoreContract : StoreContract<ICatalogStore>
{
    [Fact]
    public async Task Credential_SavedWithAToken_IsFoundByNameAndId_AndRevealsItsTokenOnly()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");

        (await Store.FindCredentialAsync("insider-prod", default)).ShouldBe(credential);
        (await Store.FindCredentialAsync(credential.Id.ToString(), default)).ShouldBe(credential);
        (await Store.GetCredentialAsync(credential.Id, default)).ShouldBe(credential);
        (await Store.RevealTokenAsync(credential.Id, default)).ShouldBe("token-1");
        credential.ToString().ShouldNotContain("token-1");
    }

    [Fact]
    public async Task Credential_SavedAgainWithoutAToken_KeepsItsToken_AndANewTokenRotatesIt()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");

        await Store.SaveCredentialAsync(credential with { PartnerName = "otherbrand", UpdatedAt = Now.AddMinutes(1) }, null, default);
        (await Store.RevealTokenAsync(credential.Id, default)).ShouldBe("token-1");
        (await Store.GetCredentialAsync(credential.Id, default))!.PartnerName.ShouldBe("otherbrand");

        await Store.SaveCredentialAsync(credential, "token-2", default);
        (await Store.RevealTokenAsync(credential.Id, default)).ShouldBe("token-2");
    }

    [Fact]
    public async Task Destination_Saved_KeepsEveryField_AndIsListedByName()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");
        var vip = new Destination(Guid.NewGuid(), "vip-emails", credential.Id, "VIP customers", "email", "the VIPs", Now, Now,
            SegmentUpdateMode.Add, AllowSplit: true, ShrinkGuardShare: 0.25);
        var all = vip with { Id = Guid.NewGuid(), Name = "all-emails", SegmentName = "All", Description = null, UpdateMode = SegmentUpdateMode.Replace, AllowSplit = false, ShrinkGuardShare = null };

        await Store.SaveDestinationAsync(vip, default);
        await Store.SaveDestinationAsync(all, default);

        (await Store.FindDestinationAsync("vip-emails", default)).ShouldBe(vip);
        (await Store.GetDestinationAsync(all.Id, default)).ShouldBe(all);
        (await Store.ListDestinationsAsync(default)).Select(d => d.Name).ShouldBe(["all-emails", "vip-emails"]);
    }

    [Fact]
    public async Task Orchestration_SavedAndUpdated_KeepsItsQuery_AndIsGoneOnceDeleted()
    {
        var credential = await SaveCredentialAsync("insider-prod", "token-1");
        var destination = new Destination(Guid.NewGuid(), "vip-emails", credential.Id, "VIP customers", "email", null, Now, Now);
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
    public async Task Find_WithANameThatIsNotThere_ReturnsNothing_EvenWhenItLooksLikeSql()
    {
        await SaveCredentialAsync("insider-prod", "token-1");

        (await Store.FindCredentialAsync("' OR '1'='1", default)).ShouldBeNull();
        (await Store.FindDestinationAsync("nothing", default)).ShouldBeNull();
        (await Store.FindOrchestrationAsync(Guid.NewGuid().ToString(), default)).ShouldBeNull();
    }

    private async Task<Credential> SaveCredentialAsync(string name, string token)
    {
        var credential = new Credential(Guid.NewGuid(), name, Plugins.InsiderOne, "mybrand", null, Now, Now);
        await Store.SaveCredentialAsync(credential, token, default);
        return credential;
    }
}
