using Herald.Application.UseCases;
using Herald.Core.Catalog;
using Herald.Snowflake.Bridges;
using Herald.Snowflake.Tests.Support;

namespace Herald.Snowflake.Tests.Bridges;

/// <summary>
/// The <c>snowflake</c> credential: settings stored as they are, the private key and passphrase encrypted at rest and
/// never shown back; a key that cannot sign (a public key, a wrong passphrase) refused on saving without quoting it.
/// </summary>
public sealed class SnowflakeCredentialTests
{
    [Fact]
    public async Task TheKeyAndPassphrase_AreEncryptedAtRest_AndNeverShownBack()
    {
        await using var harness = await BridgeHarness.StartAsync();

        var credential = (await harness.Catalog.FindCredentialAsync(BridgeHarness.CredentialName, TestTimeout.Token())).ShouldNotBeNull();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var stored = string.Concat(Directory.GetFiles(Path.GetDirectoryName(harness.Database.Path)!, "herald.db*")
            .Select(path => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path))));

        credential.Plugin.ShouldBe("snowflake");
        credential.Settings.Json.ShouldContain(SnowflakeHarness.Account);
        credential.ToString().ShouldNotContain("PRIVATE KEY");
        foreach (var line in TestKeys.Shared.EncryptedPrivateKeyPem.Split('\n').Skip(1).Take(3))
        {
            stored.ShouldNotContain(line.Trim(), customMessage: "the key is stored encrypted");
        }
        stored.ShouldNotContain(TestKeys.Passphrase);
        (await harness.Logins.FindAsync(credential.Id, TestTimeout.Token())).ShouldNotBeNull().ToString().ShouldNotContain("PRIVATE KEY");
    }

    [Fact]
    public async Task AKeyThatCannotSign_IsRefusedOnSaving_NamingThePrivateKey_WithoutQuotingIt()
    {
        await using var harness = await BridgeHarness.StartAsync();
        var settings = SnowflakeCredentialSettings.Document(SnowflakeHarness.Account, SnowflakeHarness.User, null, null);

        var publicKey = await harness.Credentials.CreateAsync(BridgeHarness.Person,
            new CredentialDraft("public-key", Plugins.Snowflake, settings, SnowflakeCredentialSettings.Secrets(TestKeys.Shared.PublicKeyPem, null), null), TestTimeout.Token());
        var wrongPassphrase = await harness.Credentials.CreateAsync(BridgeHarness.Person,
            new CredentialDraft("wrong-passphrase", Plugins.Snowflake, settings, SnowflakeCredentialSettings.Secrets(TestKeys.Shared.EncryptedPrivateKeyPem, "not the passphrase"), null), TestTimeout.Token());
        var noKey = await harness.Credentials.CreateAsync(BridgeHarness.Person,
            new CredentialDraft("no-key", Plugins.Snowflake, settings, SecretValues.None, null), TestTimeout.Token());
        var hostileAccount = await harness.Credentials.CreateAsync(BridgeHarness.Person,
            new CredentialDraft("hostile-account", Plugins.Snowflake, SnowflakeCredentialSettings.Document("evil.com/x?", "u", null, null),
                SnowflakeCredentialSettings.Secrets(TestKeys.Shared.PrivateKeyPem, null), null), TestTimeout.Token());

        foreach (var refused in new[] { publicKey, wrongPassphrase, noKey })
        {
            refused.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Field == "PrivateKey");
            refused.Refusal.Problems.ShouldNotContain(p => p.Message.Contains(TestKeys.Shared.PublicKeyPem.Split('\n')[1].Trim()));
        }
        hostileAccount.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Field == "AccountIdentifier");
        (await harness.Catalog.ListCredentialsAsync(TestTimeout.Token())).Select(c => c.Name).ShouldBe([BridgeHarness.CredentialName]);
    }

    [Fact]
    public async Task RemovingTheCredential_ABridgePublishesWith_IsRefused_NamingTheBridge()
    {
        await using var harness = await BridgeHarness.StartAsync();
        await harness.AddAsync(BridgeHarness.SnowflakeDraft("nightly-insider"));

        var removed = await harness.Credentials.RemoveAsync(BridgeHarness.Person, BridgeHarness.CredentialName, TestTimeout.Token());

        removed.Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Conflict);
        removed.Refusal.Message.ShouldContain("'nightly-insider'");
        (await harness.Catalog.FindCredentialAsync(BridgeHarness.CredentialName, TestTimeout.Token())).ShouldNotBeNull();
    }

    [Fact]
    public async Task AStage_WithAWrongBucketOrAClimbingPrefix_IsRefusedOnSaving_NamingTheSetting()
    {
        await using var harness = await BridgeHarness.StartAsync();

        var added = await harness.Credentials.CreateAsync(BridgeHarness.Person, new CredentialDraft("staged", "snowflake",
            SnowflakeCredentialSettings.Document(SnowflakeHarness.Account, SnowflakeHarness.User, null, null, "HERALD_STAGE", "http://127.0.0.1:1/", "Bad_Bucket", "../up/", "us-east-1"),
            new SecretValues([new(SnowflakeCredentialSettings.PrivateKeySecret, TestKeys.Shared.PrivateKeyPem),
                new(SnowflakeCredentialSettings.StageKeyIdSecret, "KEYID"), new(SnowflakeCredentialSettings.StageSecretKeySecret, BridgeHarness.StageSecret)]), null),
            TestTimeout.Token());

        var problems = added.Refusal.ShouldNotBeNull().Problems;
        problems.ShouldContain(p => p.Field == "StageBucket" && p.Message.StartsWith("Stage bucket", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Message.StartsWith("Stage prefix", StringComparison.Ordinal));
        problems.ShouldAllBe(p => !p.Message.Contains(BridgeHarness.StageSecret));
    }

    [Fact]
    public async Task ANewCredential_NamingAStage_WithoutItsAccessKey_IsRefused()
    {
        await using var harness = await BridgeHarness.StartAsync();

        var added = await harness.Credentials.CreateAsync(BridgeHarness.Person, new CredentialDraft("staged-without-key", "snowflake",
            SnowflakeCredentialSettings.Document(SnowflakeHarness.Account, SnowflakeHarness.User, null, null, "HERALD_STAGE", "https://s3.eu-west-1.amazonaws.com/", "my-bucket", "herald/", "eu-west-1"),
            new SecretValues([new(SnowflakeCredentialSettings.PrivateKeySecret, TestKeys.Shared.PrivateKeyPem)]), null), TestTimeout.Token());

        added.Refusal.ShouldNotBeNull().Problems.ShouldContain(p => p.Message.StartsWith("Stage access key", StringComparison.Ordinal));
    }
}
