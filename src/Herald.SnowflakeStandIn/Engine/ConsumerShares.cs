using System.Text.Json;
using Herald.SnowflakeStandIn.Sql;
using Herald.SnowflakeStandIn.State;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>
/// What a consumer account (<see cref="StandInOptions.Consumers"/>) may do, as Snowflake lets an account that was
/// added to a share do it ("Consuming shared data"): <c>SHOW SHARES</c> (its inbound shares), <c>CREATE DATABASE
/// &lt;name&gt; FROM SHARE &lt;provider_account&gt;.&lt;share&gt;</c>, and queries over that database, which shows
/// exactly the tables granted to the share, live. Nothing else: no DML, no DDL, no other database.
/// </summary>
/// <remarks>
/// The imported database is a DuckDB catalog of views, one per granted table, rebuilt from the share's grants before
/// each of the consumer's requests, so a revoked grant or a removed account takes effect at once. A consumer's query is
/// parsed by DuckDB itself (<c>json_serialize_sql</c>) and every table it names must resolve inside the consumer's
/// imported databases; table functions (<c>query_table</c>, <c>duckdb_tables</c> ...) are refused. Imported database
/// names share one namespace here (Snowflake gives each account its own).
/// </remarks>
internal sealed class ConsumerShares(ShareRegistry shares, string ownerAccount)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ImportedDatabase> imported = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The session a consumer's request starts in: the imported database the request names, or none when it
    /// names none or another (a consumer may name the database it is about to import; its names must then be fully
    /// qualified, and the provider's own databases stay out of reach either way).</summary>
    public (string Database, string Schema) ContextOf(string account, string? database, string? schema) =>
        database is not null && Find(account, database) is { } found ? (found.Name, schema ?? "PUBLIC") : ("", "");

    /// <summary>Runs one of a consumer's statements, or refuses it.</summary>
    public ResultSet Run(TranslatedStatement statement, SessionContext session, string account, DuckDbEngine engine, IReadOnlyList<BoundValue> bindings) =>
        statement.Kind switch
        {
            StatementKind.Query => Query(statement, session, account, engine, bindings),
            StatementKind.ShowShares => ShowInbound(account),
            StatementKind.CreateDatabaseFromShare => Import(statement.Original, account, engine),
            _ => throw new StatementFailure("003001", "42501",
                $"SQL access control error:\nInsufficient privileges to operate on this object: account {account} may only read the shares added to it."),
        };

    /// <summary>Rebuilds the views of the account's imported databases from the shares' current grants.</summary>
    public void Refresh(string account, DuckDbEngine engine)
    {
        foreach (var database in Databases(account))
        {
            var share = shares.Find(database.Share);
            var granted = share is not null && Includes(share, account)
                ? share.Grants.Where(grant => grant.GrantedOn is "TABLE" or "VIEW").Select(grant => QualifiedName.ParsePrinted(grant.Name)).Where(parts => parts.Count == 3).ToList()
                : [];
            foreach (var (schema, view) in database.Views.ToList())
            {
                engine.Execute($"DROP VIEW IF EXISTS {Quote(database.Name, schema, view)}");
            }

            database.Views.Clear();
            foreach (var parts in granted)
            {
                engine.Execute($"CREATE SCHEMA IF NOT EXISTS {Quote(database.Name, parts[1])}");
                engine.Execute($"CREATE VIEW {Quote(database.Name, parts[1], parts[2])} AS SELECT * FROM {Quote(parts[0], parts[1], parts[2])}");
                database.Views.Add((parts[1], parts[2]));
            }
        }
    }

    private ResultSet Import(SqlStatement statement, string account, DuckDbEngine engine)
    {
        var tokens = statement.Tokens;
        var index = 2;
        var ifNotExists = tokens.Count > 5 && tokens[2].IsWord("IF") && tokens[3].IsWord("NOT") && tokens[4].IsWord("EXISTS");
        if (ifNotExists) index += 3;
        var name = QualifiedName.Read(tokens, ref index);
        if (name.Parts.Count != 1 || index + 1 >= tokens.Count || !tokens[index].IsWord("FROM") || !tokens[index + 1].IsWord("SHARE"))
        {
            throw StatementFailure.Compilation("syntax error: CREATE DATABASE <name> FROM SHARE <provider_account>.<share> was expected.");
        }

        index += 2;
        var source = QualifiedName.Read(tokens, ref index).Parts;
        if (source.Count < 2 || index != tokens.Count)
        {
            throw StatementFailure.Compilation("syntax error: the share must be named <provider_account>.<share>.");
        }

        var provider = string.Join('.', source.Take(source.Count - 1));
        var share = shares.Find(source[^1]);
        if (!SameAccount(provider, ownerAccount) || share is null || !Includes(share, account))
        {
            throw StatementFailure.DoesNotExist($"Shared database '{string.Join('.', source)}'");
        }

        lock (gate)
        {
            if (imported.GetValueOrDefault(name.Last) is { } existing)
            {
                return ifNotExists && existing.Account == account && existing.Share == share.Name
                    ? ResultSet.Status($"{name.Last} already exists, statement succeeded.")
                    : throw new StatementFailure("002002", "42710", $"SQL compilation error:\nObject '{name.Last}' already exists.");
            }

            if (engine.Exists(name.Last, "", null))
            {
                throw new StatementFailure("002002", "42710", $"SQL compilation error:\nObject '{name.Last}' already exists.");
            }

            engine.Execute($"ATTACH ':memory:' AS {DuckDbEngine.Quote(name.Last)}");
            imported[name.Last] = new ImportedDatabase(name.Last, account, share.Name);
        }

        Refresh(account, engine);
        return ResultSet.Status($"Database {name.Last} successfully created.");
    }

    private ResultSet Query(TranslatedStatement statement, SessionContext session, string account, DuckDbEngine engine, IReadOnlyList<BoundValue> bindings)
    {
        using var tree = JsonDocument.Parse(engine.SerializeSql(statement.DuckDbText));
        if (tree.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            throw StatementFailure.Compilation("the statement is not a query an imported database answers.");
        }

        var ctes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var tables = new List<(string Catalog, string Schema, string Table)>();
        Walk(tree.RootElement, ctes, tables);
        foreach (var (catalog, schema, table) in tables)
        {
            if (!Readable(account, session, catalog, schema, table, ctes))
            {
                throw StatementFailure.DoesNotExist($"Object '{string.Join('.', new[] { catalog, schema, table }.Where(part => part.Length > 0))}'");
            }
        }

        return engine.Run(statement, bindings);
    }

    private bool Readable(string account, SessionContext session, string catalog, string schema, string table, HashSet<string> ctes)
    {
        if (catalog.Length == 0 && schema.Length == 0)
        {
            return ctes.Contains(table) || (Find(account, session.Database) is { } current && current.Holds(session.Schema, table));
        }

        var database = Find(account, catalog.Length > 0 ? catalog : session.Database);
        return database is not null && database.Views.Any(view => string.Equals(view.Schema, schema, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every table reference and common table expression in DuckDB's parse tree; a table function stops the query.</summary>
    private static void Walk(JsonElement node, HashSet<string> ctes, List<(string, string, string)> tables)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    if (type.GetString() == "TABLE_FUNCTION")
                    {
                        throw StatementFailure.Unsupported("table functions in a query of a shared database");
                    }

                    if (type.GetString() == "BASE_TABLE")
                    {
                        tables.Add((Text(node, "catalog_name"), Text(node, "schema_name"), Text(node, "table_name")));
                    }
                }

                if (node.TryGetProperty("cte_map", out var cteMap) && cteMap.TryGetProperty("map", out var map) && map.ValueKind == JsonValueKind.Array)
                {
                    foreach (var entry in map.EnumerateArray())
                    {
                        ctes.Add(Text(entry, "key"));
                    }
                }

                foreach (var property in node.EnumerateObject())
                {
                    Walk(property.Value, ctes, tables);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, ctes, tables);
                }

                break;
        }
    }

    private ResultSet ShowInbound(string account)
    {
        var columns = new[]
        {
            ResultColumn.Text("kind"), ResultColumn.Text("owner_account"), ResultColumn.Text("name"), ResultColumn.Text("database_name"),
        };
        var rows = shares.All().Where(share => Includes(share, account))
            .Select(share => new string?[]
            {
                "INBOUND", ownerAccount, share.Name, Databases(account).FirstOrDefault(database => database.Share == share.Name)?.Name ?? "",
            })
            .ToList();
        return ResultSet.Of(columns, rows, int.MaxValue);
    }

    private List<ImportedDatabase> Databases(string account)
    {
        lock (gate) { return imported.Values.Where(database => database.Account == account).ToList(); }
    }

    private ImportedDatabase? Find(string account, string name)
    {
        lock (gate) { return imported.GetValueOrDefault(name) is { } found && found.Account == account ? found : null; }
    }

    // Shares name accounts as ORG.ACCOUNT; a JWT names the same account ORG-ACCOUNT.
    private static bool Includes(StandInShare share, string account) => share.Accounts.Any(added => SameAccount(added, account));

    private static bool SameAccount(string left, string right) =>
        string.Equals(left.Replace('.', '-'), right.Replace('.', '-'), StringComparison.OrdinalIgnoreCase);

    private static string Text(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    private static string Quote(params string[] parts) => string.Join('.', parts.Select(DuckDbEngine.Quote));

    private sealed record ImportedDatabase(string Name, string Account, string Share)
    {
        public List<(string Schema, string Table)> Views { get; } = [];

        public bool Holds(string schema, string table) => Views.Any(view =>
            string.Equals(view.Schema, schema, StringComparison.OrdinalIgnoreCase) && string.Equals(view.Table, table, StringComparison.OrdinalIgnoreCase));
    }
}
