using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Snowflake.Auth;
using Herald.Snowflake.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Snowflake.Tests;

/// <summary>The key-pair JWT Herald signs, checked against a key pair made in the test (snowflake.md, "Key-pair authentication").</summary>
public sealed class KeyPairTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Token_FromUnencryptedKey_NamesTheUppercaseAccountAndUserAndTheKeysFingerprint()
    {
        using var keys = TestKeys.Create();
        using var token = new KeyPairToken(Connection(keys.PrivateKeyPem, null, "myorg-my_account.eu-west-1"), TimeSpan.FromMinutes(59), new FakeTimeProvider(Now));

        var (header, claims) = Verified(token.Current(), keys.Rsa);

        header.GetProperty("alg").GetString().ShouldBe("RS256");
        claims.GetProperty("sub").GetString().ShouldBe("MYORG-MY_ACCOUNT.HERALD_PUBLISHER");
        claims.GetProperty("iss").GetString().ShouldBe("MYORG-MY_ACCOUNT.HERALD_PUBLISHER." + keys.Fingerprint);
        claims.GetProperty("iat").GetInt64().ShouldBe(Now.ToUnixTimeSeconds());
        (claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64()).ShouldBeLessThanOrEqualTo(3600);
        token.Fingerprint.ShouldBe(keys.Fingerprint);
    }

    [Fact]
    public void Token_FromEncryptedKeyAndItsPassphrase_IsSignedByThatKey()
    {
        using var keys = TestKeys.Create();
        using var token = new KeyPairToken(Connection(keys.EncryptedPrivateKeyPem, TestKeys.Passphrase), TimeSpan.FromMinutes(59), new FakeTimeProvider(Now));

        var (_, claims) = Verified(token.Current(), keys.Rsa);

        claims.GetProperty("iss").GetString().ShouldEndWith("." + keys.Fingerprint);
    }

    [Fact]
    public void Token_IsReusedUntilNearExpiry_ThenANewOneIsSigned()
    {
        using var keys = TestKeys.Create();
        var time = new FakeTimeProvider(Now);
        using var token = new KeyPairToken(Connection(keys.PrivateKeyPem, null), TimeSpan.FromMinutes(59), time);
        var first = token.Current();

        time.Advance(TimeSpan.FromMinutes(50));
        token.Current().ShouldBe(first);

        time.Advance(TimeSpan.FromMinutes(5));
        var renewed = token.Current();
        renewed.ShouldNotBe(first);
        Verified(renewed, keys.Rsa).Claims.GetProperty("iat").GetInt64().ShouldBe(Now.AddMinutes(55).ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("not the passphrase")]
    [InlineData(null)]
    public void EncryptedKey_WithoutItsPassphrase_IsRefusedWithoutShowingKeyOrPassphrase(string? passphrase)
    {
        using var keys = TestKeys.Create();
        var pem = keys.EncryptedPrivateKeyPem;

        var failure = Should.Throw<SnowflakeException>(() => new KeyPairToken(Connection(pem, passphrase), TimeSpan.FromMinutes(59), TimeProvider.System));

        failure.Kind.ShouldBe(SnowflakeFailureKind.Credential);
        failure.Message.ShouldContain("passphrase");
        failure.Message.ShouldNotContain(pem[40..80]);
        if (passphrase is not null)
        {
            failure.Message.ShouldNotContain(passphrase);
        }
    }

    [Fact]
    public void Key_ThatIsNotAPrivateKey_IsRefusedWithWhatToGive()
    {
        using var keys = TestKeys.Create();

        var failure = Should.Throw<SnowflakeException>(() => new KeyPairToken(Connection(keys.PublicKeyPem, null), TimeSpan.FromMinutes(59), TimeProvider.System));

        failure.Message.ShouldContain("PKCS#8 PEM");
        failure.Message.ShouldNotContain(keys.PublicKeyPem[30..70]);
    }

    [Fact]
    public void Connection_WhenPrinted_HidesTheKeyAndPassphrase()
    {
        using var keys = TestKeys.Create();
        var connection = Connection(keys.EncryptedPrivateKeyPem, TestKeys.Passphrase);

        var printed = connection.ToString();

        printed.ShouldContain("HERALD.PUBLIC");
        printed.ShouldNotContain("PRIVATE KEY");
        printed.ShouldNotContain(TestKeys.Passphrase);
    }

    [Theory]
    [InlineData("myorg-myaccount", "https://myorg-myaccount.snowflakecomputing.com/", "MYORG-MYACCOUNT")]
    [InlineData("MyOrg-My_Account", "https://myorg-my-account.snowflakecomputing.com/", "MYORG-MY_ACCOUNT")]
    [InlineData("xy12345.us-east-2.aws", "https://xy12345.us-east-2.aws.snowflakecomputing.com/", "XY12345")]
    public void AccountIdentifier_GivesTheApiHostAndTheJwtAccount(string identifier, string host, string jwtAccount)
    {
        SnowflakeAccount.ApiBaseUrl(identifier).ShouldBe(new Uri(host));
        SnowflakeAccount.JwtAccount(identifier).ShouldBe(jwtAccount);
    }

    [Theory]
    [InlineData("evil.com/x?")]
    [InlineData("myorg@attacker")]
    [InlineData("a..b")]
    [InlineData("")]
    public void AccountIdentifier_ThatCouldRedirectTheHost_IsRefused(string identifier)
    {
        SnowflakeAccount.IsValidIdentifier(identifier).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => SnowflakeAccount.ApiBaseUrl(identifier)).Message.ShouldContain("myorg-myaccount");
    }

    private static SnowflakeConnection Connection(string pem, string? passphrase, string account = "myorg-my_account") => new()
    {
        AccountIdentifier = account,
        User = "herald_publisher",
        Database = "HERALD",
        Schema = "PUBLIC",
        PrivateKeyPem = pem,
        PrivateKeyPassphrase = passphrase,
    };

    /// <summary>Checks the signature with the public key as Snowflake would, then returns the header and claims.</summary>
    private static (JsonElement Header, JsonElement Claims) Verified(string jwt, RSA key)
    {
        var parts = jwt.Split('.');
        parts.Length.ShouldBe(3);
        key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .ShouldBeTrue("the JWT must be signed RS256 by the user's private key");
        return (JsonDocument.Parse(FromBase64Url(parts[0])).RootElement, JsonDocument.Parse(FromBase64Url(parts[1])).RootElement);
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
