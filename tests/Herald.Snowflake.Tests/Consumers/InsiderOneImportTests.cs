using System.Net.Http.Json;
using DuckDB.NET.Data;
using Herald.Core.Bridges;
using Herald.Simulator;
using Herald.Simulator.SnowflakeImport;
using Herald.Snowflake.Tests.Bridges;
using Herald.Snowflake.Tests.Support;
using Herald.SnowflakeStandIn;

namespace Herald.Snowflake.Tests.Consumers;

/// <summary>
/// The Snowflake pathway as far as Insider One: a row of the sample's <c>Customer_360</c> goes through a bridge sync into
/// the stand-in, and the Insider One simulator, as Insider One's own account with its own key and client, imports the
/// share and says which users and events it accepted and which it rejected, and why.
/// </summary>
public sealed class InsiderOneImportTests
{
    private const string ProviderAccount = "MYORG-HERALD_TEST";
    private const string Share = "HERALD_INSIDER_ONE";
    private static readonly Lazy<TestKeys> InsiderOneKeys = new(TestKeys.Create);

    [Fact]
    public async Task Import_AfterASync_TakesACustomerFromCustomer360AsAnInsiderOneUser_AndRejectsAnEventWithoutItsUser()
    {
        await using var harness = await StartAsync();
        var customer = FirstCustomerWithAnEmail(harness);
        // A purchase whose customer was never resolved: Herald publishes it (uuid may be null in an event table),
        // Insider One refuses it.
        harness.ChangeSource("""
            INSERT INTO Unified_Itemized_Transactions
            SELECT * REPLACE (NULL AS amperity_id, 'orphan-order' AS order_id)
            FROM Unified_Itemized_Transactions WHERE NOT is_cancellation AND NOT is_return ORDER BY order_id, product_id LIMIT 1
            """);
        var orphan = Text(harness, "SELECT product_id FROM Unified_Itemized_Transactions WHERE order_id = 'orphan-order'");
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        await using var insiderOne = await StartInsiderOneAsync(harness);

        var report = await insiderOne.ImportSnowflakeShareAsync(new ShareImportRequest(ProviderAccount, Share));

        report.Failure.ShouldBeNull();
        report.Users.ShouldNotBeNull().Failure.ShouldBeNull();
        (report.Users.Read, report.Users.Accepted, report.Users.Rejected).ShouldBe((BridgeHarness.Customers, BridgeHarness.Customers, 0L));
        var imported = insiderOne.ImportedUser(customer.Id).ShouldNotBeNull("the customer is imported by Insider One");
        imported["email"].ShouldBe(customer.Email);
        imported["name"].ShouldBe(customer.Name);
        var events = harness.CountSource("SELECT count(*) FROM Unified_Itemized_Transactions WHERE NOT is_cancellation");
        report.Events.ShouldNotBeNull().Read.ShouldBe(events);
        (report.Events.Accepted, report.Events.Rejected).ShouldBe((events - 1, 1L));
        report.Events.FirstRejections.ShouldBe([new RejectedRow($"orphan-order/{orphan}/purchase", "uuid is missing: an event must name its user")]);
        insiderOne.ImportedEvent($"orphan-order/{orphan}/purchase").ShouldBeNull();
        insiderOne.ImportedEventCount.ShouldBe((int)(events - 1));
    }

    [Fact]
    public async Task IncrementalImport_AfterASecondSync_ReadsOnlyTheRowsWhoseUpdatedAtMovedOn()
    {
        await using var harness = await StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft());
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        await using var insiderOne = await StartInsiderOneAsync(harness);
        (await insiderOne.ImportSnowflakeShareAsync(new ShareImportRequest(ProviderAccount, Share, Incremental: true))).Failure.ShouldBeNull();
        // Five customers order again, later than anything before: their profiles and their new purchases change.
        harness.ChangeSource("""
            CREATE TEMP TABLE reordering AS SELECT amperity_id FROM Transaction_Attributes_Extended WHERE latest_order_datetime IS NOT NULL ORDER BY amperity_id LIMIT 5;
            INSERT INTO Unified_Itemized_Transactions
            SELECT * REPLACE ('again-' || order_id AS order_id, order_datetime + INTERVAL 3650 DAY AS order_datetime)
            FROM Unified_Itemized_Transactions WHERE NOT is_cancellation AND amperity_id IN (SELECT amperity_id FROM reordering);
            UPDATE Transaction_Attributes_Extended SET latest_order_datetime = latest_order_datetime + INTERVAL 3650 DAY
            WHERE amperity_id IN (SELECT amperity_id FROM reordering);
            """);
        var newEvents = harness.CountSource("SELECT count(*) FROM Unified_Itemized_Transactions WHERE order_id LIKE 'again-%'");
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);

        // Through the simulator's inspection endpoint, as the demo would ask for it.
        using var http = new HttpClient { BaseAddress = insiderOne.BaseUrl };
        using var response = await http.PostAsJsonAsync("/_simulator/snowflake-imports", new ShareImportRequest(ProviderAccount, Share, Incremental: true), TestTimeout.Token());
        response.EnsureSuccessStatusCode();
        var second = (await response.Content.ReadFromJsonAsync<ShareImportReport>(TestTimeout.Token())).ShouldNotBeNull();

        second.Failure.ShouldBeNull();
        (second.Users!.Read, second.Users.Accepted).ShouldBe((5L, 5L));
        (second.Events!.Read, second.Events.Accepted).ShouldBe((newEvents, newEvents));
        insiderOne.ImportedUserCount.ShouldBe(BridgeHarness.Customers);
        insiderOne.SnowflakeImports.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Import_OfAShareNotAddedToInsiderOnesAccount_FailsWithTheReason_AndKeepsNothing()
    {
        await using var harness = await StartAsync();
        var bridge = await harness.AddAsync(BridgeHarness.SnowflakeDraft() with { ConsumerAccount = null });
        (await harness.SyncAsync(bridge)).State.ShouldBe(BridgeSyncState.Succeeded);
        await using var insiderOne = await StartInsiderOneAsync(harness);

        var report = await insiderOne.ImportSnowflakeShareAsync(new ShareImportRequest(ProviderAccount, Share));

        report.Failure.ShouldNotBeNull().ShouldContain("does not exist or not authorized");
        insiderOne.ImportedUserCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("HERALD_INSIDER_ONE; DROP TABLE x", "PUBLIC")]
    [InlineData("HERALD_INSIDER_ONE", "PUBLIC\".\"x")]
    public async Task Import_WithHostileNames_IsRefusedBeforeAnyStatement(string share, string schema)
    {
        await using var harness = await StartAsync();
        await using var insiderOne = await StartInsiderOneAsync(harness);

        var report = await insiderOne.ImportSnowflakeShareAsync(new ShareImportRequest(ProviderAccount, share, schema));

        report.Failure.ShouldNotBeNull().ShouldContain("plain Snowflake name");
        harness.StandIn.Statements.ShouldBeEmpty();
    }

    private static Task<BridgeHarness> StartAsync() => BridgeHarness.StartAsync(standIn: options => options.Consumers =
        [new StandInUser { Account = "INSIDERORG-EU_ACCOUNT", User = "INSIDER_ONE", PublicKeysPem = [InsiderOneKeys.Value.PublicKeyPem] }]);

    private static Task<InsiderOneSimulator> StartInsiderOneAsync(BridgeHarness harness) => InsiderOneSimulator.StartAsync(new SimulatorOptions
    {
        SnowflakeConsumer = new SnowflakeConsumerOptions
        {
            BaseUrl = harness.StandIn.BaseUrl,
            Account = "INSIDERORG-EU_ACCOUNT",
            User = "INSIDER_ONE",
            PrivateKeyPem = InsiderOneKeys.Value.PrivateKeyPem,
        },
    });

    private static (string Id, string Email, string Name) FirstCustomerWithAnEmail(BridgeHarness harness)
    {
        using var connection = new DuckDBConnection($"Data Source={harness.Customer360}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT amperity_id, lower(trim(email)), trim(given_name) FROM Customer_360
            WHERE regexp_full_match(lower(trim(email)), '[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}') AND nullif(trim(given_name), '') IS NOT NULL
            ORDER BY amperity_id LIMIT 1
            """;
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue("the sample has a customer with an email");
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    private static string Text(BridgeHarness harness, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={harness.Customer360}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar()).ShouldNotBeNull();
    }
}
