using System.Text.RegularExpressions;

namespace Herald.Tests.Cli;

/// <summary><c>herald query preview</c> as a user with Restrict PII access and as an administrator; a destination's access settings from the CLI.</summary>
[Collection(HeraldServerCollection.Name)]
public sealed partial class PiiCommandTests(HeraldServerFixture server)
{
    private const string FirstCustomers = "SELECT amperity_id, email FROM Customer_360 WHERE email LIKE '%_@_%._%' ORDER BY amperity_id LIMIT 3";

    [Fact]
    public async Task QueryPreview_AsARestrictedUser_HidesTheEmailsAndSaysWhy_WhileTheAdministratorSeesThem()
    {
        (await server.RunAsync("user", "add", "cli-restricted", "--policy", "User", "--restrict-pii")).ExitCode.ShouldBe(0);
        var made = await server.RunAsync("apikey", "create", "laptop", "--user", "cli-restricted");
        var asRestricted = server.Environment;
        asRestricted["HERALD_API_KEY"] = HeraldKey().Match(made.Output).Value;

        var seen = await server.RunAsync("query", "preview", "--query", FirstCustomers, "--json");
        var hidden = await CliRunner.RunAsync(asRestricted, ["query", "preview", "--query", FirstCustomers]);

        seen.ExitCode.ShouldBe(0, seen.ToString());
        var email = EmailInJson().Match(seen.Output).Groups[1].Value;
        email.ShouldContain("@", customMessage: seen.Output);
        hidden.ExitCode.ShouldBe(0, hidden.ToString());
        hidden.AllOutput.ShouldNotContain(email);
        hidden.Output.ShouldContain("Values of Customer_360.email are hidden: your policy restricts personal data (PII).");
        hidden.Output.ShouldContain("email (PII)");
    }

    [Fact]
    public async Task DestinationAddAndUpdate_SetAdminOnlyAndThePiiSetting()
    {
        var destination = await server.AddDestinationAsync("cli-access");

        var set = await server.RunAsync("destination", "update", destination, "--admin-only", "--pii-allowed", "true");
        var shown = await server.RunAsync("destination", "show", destination);
        var cleared = await server.RunAsync("destination", "update", destination, "--admin-only", "false");
        var shownAgain = await server.RunAsync("destination", "show", destination, "--json");

        set.ExitCode.ShouldBe(0, set.ToString());
        shown.Output.ShouldContain("Operators and Administrators only (admin only); users with restricted PII access too (PII setting on)");
        cleared.ExitCode.ShouldBe(0, cleared.ToString());
        shownAgain.Output.ShouldContain("\"adminOnly\": false");
        shownAgain.Output.ShouldContain("\"piiAllowed\": true");
    }

    [GeneratedRegex(@"hk_[A-Za-z0-9_-]{40,}")]
    private static partial Regex HeraldKey();

    [GeneratedRegex("\"([^\"]+@[^\"]+)\"")]
    private static partial Regex EmailInJson();
}
