using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Migrations;

/// <summary>
/// Runs stored before runs had parts kept their one file, submission and report at the top of the document, and runs
/// stored before updates had no update mode (they went straight from building to staging). Both become runs of
/// today: the one segment is part 1, and the update mode is <c>replace</c>, which is what those runs did. Such a run
/// caught between building and staging (no parts yet) goes back to comparing, which finds its built file.
/// </summary>
internal static class RunDocumentUpgrade
{
    public static async Task ApplyAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var upgraded = new List<(string Id, string Document)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, document FROM runs WHERE json_extract(document, '$.parts') IS NULL OR json_extract(document, '$.origin.updateMode') IS NULL";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                upgraded.Add((reader.GetString(0), Upgrade(reader.GetString(1))));
            }
        }
        foreach (var (id, document) in upgraded)
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE runs SET document = $document, state = $state WHERE id = $id";
            update.Parameters.AddWithValue("$state", Core.Runs.RunStateExtensions.ToWireName(
                Enum.Parse<Core.Runs.RunState>(System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("state").GetString()!)));
            update.Parameters.AddWithValue("$document", document);
            update.Parameters.AddWithValue("$id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The document with part 1 made from its top-level file fields, and an update mode.</summary>
    internal static string Upgrade(string document)
    {
        var run = JsonNode.Parse(document)!.AsObject();
        var origin = run["origin"]!.AsObject();
        origin["updateMode"] ??= "Replace";
        if (run["parts"] is null)
        {
            run["parts"] = run["file"] is { } file
                ? new JsonArray(new JsonObject
                {
                    ["number"] = 1,
                    ["segmentName"] = origin["segmentName"]?.DeepClone(),
                    ["existedBefore"] = null,
                    ["values"] = run["counts"]?["valuesSent"]?.DeepClone() ?? 0,
                    ["diff"] = null,
                    ["file"] = file.DeepClone(),
                    ["submissionStartedAt"] = run["submissionStartedAt"]?.DeepClone(),
                    ["submittedAt"] = run["submittedAt"]?.DeepClone(),
                    ["report"] = run["report"]?.DeepClone(),
                })
                : new JsonArray();
            if (run["file"] is null && run["state"]?.GetValue<string>() == "Staging")
            {
                run["state"] = "Comparing";
            }
        }
        return run.ToJsonString();
    }
}
