using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.InsiderOne;

namespace Herald.Tests.Application;

/// <summary>The use cases' commands that carry a secret never show it when printed (a log line, an error, a debugger).</summary>
public sealed class SecretTextTests
{
    [Fact]
    public void CredentialDraft_Printed_ShowsEverythingButTheToken()
    {
        var text = new CredentialDraft("insider-prod", "insiderone", InsiderOneCredentialSettings.Document("mybrand"),
            InsiderOneCredentialSettings.Secrets("s3cr3t-token-value"), "Production").ToString();

        text.ShouldContain("insider-prod");
        text.ShouldContain("mybrand");
        text.ShouldContain("api-token = ***");
        text.ShouldNotContain("s3cr3t-token-value");
    }

    [Fact]
    public void CredentialChanges_Printed_SaysWhetherTheTokenChanges_NotWhatItIs()
    {
        new CredentialChanges(null, InsiderOneCredentialSettings.Secrets("s3cr3t-token-value"), null).ToString().ShouldNotContain("s3cr3t-token-value");
        new CredentialChanges(InsiderOneCredentialSettings.Document("mybrand"), SecretValues.None, null).ToString().ShouldContain("(no secrets)");
    }
}
