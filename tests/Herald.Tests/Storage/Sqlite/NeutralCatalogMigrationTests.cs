using System.Net;
using System.Net.Http.Json;
using Dapper;
using Herald.Core.Catalog;
using Herald.Core.Updates;
using Herald.InsiderOne;
using Herald.Server.Api;
using Herald.Storage.Secrets;
using Herald.Storage.Sqlite;
using Herald.Storage.Sqlite.Migrations;
using Herald.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Herald.Tests.Storage.Sqlite;

/// <summary>
/// Migration 7 makes credentials and destinations destination-neutral (a plugin's settings document, named secrets):
/// a catalog stored in the shape of migrations 1-6 keeps every credential, token, destination and setting, and its
/// runs still go through.
/// </summary>
public sealed class NeutralCatalogMigrationTests : IDisposable
{
    private static readonly DateTimeOffset Then = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SqliteScratch _scratch = new();

    [Fact]
    public async Task Migrate_ACatalogStoredBeforeMigration7_KeepsEveryCredentialItsTokenEveryDestinationAndEverySetting()
    {
        var database = _scratch.Database;
        var protector = new SecretProtector(_scratch.Keys);
        await OldShape.CreateAsync(database);
        var prod = await OldShape.AddCredentialAsync(database, protector, "insider-prod", "mybrand", "token-prod", "Production");
        var staging = await OldShape.AddCredentialAsync(database, protector, "insider-staging", "mybrand-staging", "token-staging", null);
        var vip = await OldShape.AddDestinationAsync(database, prod, "vip-emails", "VIP customers", "email", "add", allowSplit: true, shrinkGuardShare: 0.25);
        var phones = await OldShape.AddDestinationAsync(database, staging, "phones", "Phones", "phone_number", "replace", allowSplit: false, shrinkGuardShare: null);
        var orchestration = await OldShape.AddOrchestrationAsync(database, vip, "vip-daily", "SELECT email FROM Customer_360");

        await database.MigrateAsync(default);
        var store = new SqliteCatalogStore(database, protector);

        (await store.ListCredentialsAsync(default)).ShouldBe([
            new Credential(prod, "insider-prod", Plugins.InsiderOne, InsiderOneCredentialSettings.Document("mybrand"), "Production", Then, Then),
            new Credential(staging, "insider-staging", Plugins.InsiderOne, InsiderOneCredentialSettings.Document("mybrand-staging"), null, Then, Then),
        ]);
        (await store.RevealSecretAsync(prod, InsiderOneCredentialSettings.ApiTokenSecret, default)).ShouldBe("token-prod");
        (await store.RevealSecretAsync(staging, InsiderOneCredentialSettings.ApiTokenSecret, default)).ShouldBe("token-staging");
        var destinations = await store.ListDestinationsAsync(default);
        destinations.Select(d => (d.Id, d.Name, d.CredentialId, d.Description, d.CreatedAt, d.UpdatedAt))
            .ShouldBe([(phones, "phones", staging, null, Then, Then), (vip, "vip-emails", prod, "stored before migration 7", Then, Then)]);
        destinations[0].InsiderOne().ShouldBe(new InsiderOneDestinationSettings("Phones", "phone_number", SegmentUpdateMode.Replace, false, null));
        destinations[1].InsiderOne().ShouldBe(new InsiderOneDestinationSettings("VIP customers", "email", SegmentUpdateMode.Add, true, 0.25));
        var plugin = new InsiderOnePlugin(Microsoft.Extensions.Options.Options.Create(new InsiderOneOptions()));
        destinations.ShouldAllBe(d => plugin.CheckDestination(d.Settings).Count == 0);
        (await store.FindOrchestrationAsync("vip-daily", default))!.DestinationId.ShouldBe(vip);
        orchestration.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Server_StartedOnADataDirectoryOfMigrations1To6_ShowsTheSameCatalog_AndItsOrchestrationRunsWithTheStoredToken()
    {
        await using var harness = await HeraldHarness.StartAsync();
        await harness.RestartAsync(whileStopped: async data =>
        {
            // The data directory as Herald left it before migration 7: same key ring, catalog in the old columns.
            // Pooled connections of the stopped server would still point at the file being replaced.
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(data, "herald.db*"))
            {
                File.Delete(file);
            }
            var database = new SqliteDatabase(Path.Combine(data, "herald.db"));
            var protector = new SecretProtector(new DirectoryKeyRing(data));
            await OldShape.CreateAsync(database);
            var credential = await OldShape.AddCredentialAsync(database, protector, "insider-prod", "herald-demo", "demo-token", "Production");
            var destination = await OldShape.AddDestinationAsync(database, credential, "gold-emails", "Gold before 7", "email", "replace", allowSplit: false, shrinkGuardShare: 0.9);
            await OldShape.AddOrchestrationAsync(database, destination, "gold-daily", "SELECT email FROM Customer_360 WHERE loyalty_tier = 'gold'");
        });

        var credential = (await harness.Api.Http.GetFromJsonAsync<CredentialView>("/api/credentials/insider-prod", HeraldApi.Json))!;
        (credential.PartnerName, credential.Description).ShouldBe(("herald-demo", "Production"));
        credential.UsedBy.ShouldBe(["gold-emails"]);
        var destination = (await harness.Api.Http.GetFromJsonAsync<DestinationView>("/api/destinations/gold-emails", HeraldApi.Json))!;
        (destination.CredentialName, destination.SegmentName, destination.AttributeName, destination.UpdateMode, destination.AllowSplit, destination.ShrinkGuardShare)
            .ShouldBe(("insider-prod", "Gold before 7", "email", "replace", false, (double?)0.9));
        var started = await harness.Api.Http.PostAsJsonAsync("/api/orchestrations/gold-daily/runs", new { });
        var run = await harness.Api.WaitForAsync((await HeraldApi.ReadAsync<RunView>(started, HttpStatusCode.Accepted)).Id);

        run.State.ShouldBe("succeeded", run.Reason);
        run.Counts!.ValuesSent.ShouldBeGreaterThan(0);
        harness.Simulator.Segments.Single(s => s.Name == "Gold before 7").Values.Count.ShouldBe((int)run.Counts.ValuesSent);
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>Rows written as Herald wrote them with migrations 1-6: the partner name, the token and the segment's settings as columns.</summary>
    private static class OldShape
    {
        public static async Task CreateAsync(SqliteDatabase database)
        {
            await using var write = await database.OpenForWriteAsync(default);
            await SqliteMigrator.MigrateAsync(write.Connection, [.. SqliteMigrations.All.Where(m => m.Number <= 6)], default);
        }

        public static async Task<Guid> AddCredentialAsync(SqliteDatabase database, SecretProtector protector, string name, string partnerName, string token, string? description)
        {
            var id = Guid.NewGuid();
            await ExecuteAsync(database,
                """
                INSERT INTO credentials (id, name, plugin, partner_name, description, token_ciphertext, created_at, updated_at)
                VALUES (@id, @name, 'insiderone', @partnerName, @description, @ciphertext, @at, @at)
                """,
                new { id = id.ToString(), name, partnerName, description, ciphertext = protector.Protect(token, $"credential:{id}:api-token"), at = Then.ToUnixTimeMilliseconds() });
            return id;
        }

        public static async Task<Guid> AddDestinationAsync(
            SqliteDatabase database, Guid credentialId, string name, string segmentName, string attributeName, string updateMode, bool allowSplit, double? shrinkGuardShare)
        {
            var id = Guid.NewGuid();
            await ExecuteAsync(database,
                """
                INSERT INTO destinations (id, name, credential_id, segment_name, attribute_name, description, created_at, updated_at, update_mode, allow_split, shrink_guard_share)
                VALUES (@id, @name, @credentialId, @segmentName, @attributeName, @description, @at, @at, @updateMode, @allowSplit, @shrinkGuardShare)
                """,
                new
                {
                    id = id.ToString(), name, credentialId = credentialId.ToString(), segmentName, attributeName,
                    description = shrinkGuardShare is null ? null : "stored before migration 7", at = Then.ToUnixTimeMilliseconds(),
                    updateMode, allowSplit = allowSplit ? 1 : 0, shrinkGuardShare,
                });
            return id;
        }

        public static async Task<Guid> AddOrchestrationAsync(SqliteDatabase database, Guid destinationId, string name, string query)
        {
            var id = Guid.NewGuid();
            await ExecuteAsync(database,
                """
                INSERT INTO orchestrations (id, name, destination_id, query, allow_empty, description, created_at, updated_at)
                VALUES (@id, @name, @destinationId, @query, 0, NULL, @at, @at)
                """,
                new { id = id.ToString(), name, destinationId = destinationId.ToString(), query, at = Then.ToUnixTimeMilliseconds() });
            return id;
        }

        private static async Task ExecuteAsync(SqliteDatabase database, string sql, object parameters)
        {
            await using var write = await database.OpenForWriteAsync(default);
            await write.Connection.ExecuteAsync(sql, parameters);
        }
    }
}
