using Herald.Application.UseCases;

namespace Herald.Tests.Application;

/// <summary>The use cases' commands that carry a token never show it when printed (a log line, an error, a debugger).</summary>
public sealed class SecretTextTests
{
    [Fact]
    public void CredentialDraft_Printed_ShowsEverythingButTheToken()
    {
        var text = new CredentialDraft("insider-prod", "insiderone", "mybrand", "s3cr3t-token-value", "Production").ToString();

        text.ShouldContain("insider-prod");
        text.ShouldNotContain("s3cr3t-token-value");
    }

    [Fact]
    public void CredentialChanges_Printed_SaysWhetherTheTokenChanges_NotWhatItIs()
    {
        new CredentialChanges(null, "s3cr3t-token-value", null).ToString().ShouldNotContain("s3cr3t-token-value");
        new CredentialChanges("mybrand", null, null).ToString().ShouldContain("(unchanged)");
    }
}
