using Herald.SnowflakeStandIn.Sql;
using Herald.SnowflakeStandIn.State;

namespace Herald.SnowflakeStandIn.Engine;

/// <summary>
/// The share statements, answered from the stand-in's own records (Snowflake's <c>CREATE SHARE</c>, <c>GRANT ... TO
/// SHARE</c>, <c>ALTER SHARE ... ADD|REMOVE|SET ACCOUNTS</c>, <c>SHOW SHARES</c>, <c>SHOW GRANTS TO SHARE</c>). Grants
/// are checked against the objects that exist, and a share holds objects of one database only, granted first.
/// </summary>
internal sealed class ShareCommands(ShareRegistry shares, string ownerAccount, TimeProvider time)
{
    public ResultSet Run(TranslatedStatement statement, SessionContext session, Func<string, string, string?, bool> objectExists) =>
        statement.Kind switch
        {
            StatementKind.CreateShare => Create(statement.Original),
            StatementKind.DropShare => Drop(statement.Original),
            StatementKind.GrantToShare => Grant(statement.Original, session, objectExists),
            StatementKind.AlterShareAccounts => AlterAccounts(statement.Original),
            StatementKind.ShowShares => ShowShares(statement.Original),
            StatementKind.ShowGrantsToShare => ShowGrants(statement.Original),
            _ => throw new InvalidOperationException($"{statement.Kind} is not a share statement."),
        };

    private ResultSet Create(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        var replace = statement.StartsWith("CREATE", "OR", "REPLACE");
        var index = replace ? 4 : 2;
        var ifNotExists = Words(tokens, index, "IF", "NOT", "EXISTS");
        if (ifNotExists) index += 3;
        var name = QualifiedName.Read(tokens, ref index).Last;
        if (!shares.Create(name, time.GetUtcNow(), replace) && !ifNotExists)
        {
            throw new StatementFailure("002002", "42710", $"SQL compilation error:\nObject '{name}' already exists.");
        }

        return ResultSet.Status($"Share {name} successfully created.");
    }

    private ResultSet Drop(SqlStatement statement)
    {
        var index = 2;
        var ifExists = Words(statement.Tokens, index, "IF", "EXISTS");
        if (ifExists) index += 2;
        var name = QualifiedName.Read(statement.Tokens, ref index).Last;
        if (!shares.Drop(name) && !ifExists)
        {
            throw StatementFailure.DoesNotExist($"Share '{name}'");
        }

        return ResultSet.Status($"{name} successfully dropped.");
    }

    private ResultSet Grant(SqlStatement statement, SessionContext session, Func<string, string, string?, bool> objectExists)
    {
        // GRANT <privilege> ON <DATABASE | SCHEMA | TABLE | VIEW> <name> TO SHARE <share>
        var tokens = statement.Tokens;
        var on = Enumerable.Range(0, tokens.Count).FirstOrDefault(i => tokens[i].IsWord("ON"));
        if (on < 2 || on + 2 >= tokens.Count)
        {
            throw StatementFailure.Compilation("syntax error: GRANT <privilege> ON <object type> <name> TO SHARE <share> was expected.");
        }

        var privilege = string.Join(' ', tokens.Skip(1).Take(on - 1).Select(token => token.Value.ToUpperInvariant()));
        var objectType = tokens[on + 1].Value.ToUpperInvariant();
        var index = on + 2;
        var target = QualifiedName.Read(tokens, ref index);
        var shareName = tokens[^1].IdentifierName;
        var share = shares.Find(shareName) ?? throw StatementFailure.DoesNotExist($"Share '{shareName}'");
        var (allowed, printed, database) = objectType switch
        {
            "DATABASE" => (new[] { "USAGE", "REFERENCE_USAGE" }, Resolve(target, 1, session), target.Last),
            "SCHEMA" => (["USAGE"], Resolve(target, 2, session), target.Parts.Count == 2 ? target.Parts[0] : session.Database),
            "TABLE" or "VIEW" => (["SELECT"], Resolve(target, 3, session), target.Parts.Count == 3 ? target.Parts[0] : session.Database),
            _ => throw StatementFailure.Unsupported($"GRANT ON {objectType} TO SHARE"),
        };
        if (!allowed.Contains(privilege))
        {
            throw new StatementFailure("003011", "42501", $"SQL compilation error:\nInvalid privilege {privilege} for {objectType}.");
        }

        var parts = printed.Split('\u0001');
        var exists = objectType switch
        {
            "DATABASE" => objectExists(parts[0], "", null),
            "SCHEMA" => objectExists(parts[0], parts[1], null),
            _ => objectExists(parts[0], parts[1], parts[2]),
        };
        if (!exists)
        {
            throw StatementFailure.DoesNotExist($"{objectType[0]}{objectType[1..].ToLowerInvariant()} '{QualifiedName.Print(parts)}'");
        }

        if (objectType != "DATABASE" && share.Database != database)
        {
            // Snowflake: a share takes objects of one database, and USAGE on that database first.
            throw new StatementFailure("003040", "42501",
                share.Database is null
                    ? $"SQL compilation error:\nA database must be granted to share '{shareName}' before its objects (GRANT USAGE ON DATABASE {database} TO SHARE {shareName})."
                    : $"SQL compilation error:\nShare '{shareName}' holds objects of database {share.Database}; {database} cannot be added.");
        }

        if (objectType == "DATABASE" && share.Database is { } held && held != database)
        {
            throw new StatementFailure("003040", "42501", $"SQL compilation error:\nShare '{shareName}' already holds database {held}.");
        }

        var printedName = QualifiedName.Print(parts);
        shares.Update(shareName, current => current.Grants.Any(grant => grant.Privilege == privilege && grant.Name == printedName)
            ? current
            : current with { Grants = [.. current.Grants, new StandInGrant(privilege, objectType, printedName, time.GetUtcNow())] });
        return ResultSet.Status("Statement executed successfully.");
    }

    private ResultSet AlterAccounts(SqlStatement statement)
    {
        // ALTER SHARE [IF EXISTS] <name> { ADD | REMOVE | SET } ACCOUNTS = <account> [, <account> ...] [SHARE_RESTRICTIONS = ...]
        var tokens = statement.Tokens;
        var index = 2;
        var ifExists = Words(tokens, index, "IF", "EXISTS");
        if (ifExists) index += 2;
        var name = QualifiedName.Read(tokens, ref index).Last;
        if (index + 2 >= tokens.Count || !tokens[index + 1].IsWord("ACCOUNTS") || !tokens[index + 2].IsSymbol("="))
        {
            throw StatementFailure.Compilation("syntax error: ALTER SHARE <name> ADD ACCOUNTS = <org.account> was expected.");
        }

        var action = tokens[index].Value.ToUpperInvariant();
        index += 3;
        var accounts = new List<string>();
        while (index < tokens.Count && !tokens[index].IsWord("SHARE_RESTRICTIONS"))
        {
            accounts.Add(string.Join('.', QualifiedName.Read(tokens, ref index).Parts));
            if (index < tokens.Count && tokens[index].IsSymbol(",")) index++;
        }

        var share = shares.Find(name);
        if (share is null)
        {
            return ifExists ? ResultSet.Status("Statement executed successfully.") : throw StatementFailure.DoesNotExist($"Share '{name}'");
        }

        if (accounts.Count == 0)
        {
            throw StatementFailure.Compilation("ALTER SHARE needs at least one account.");
        }

        if (action is "ADD" or "SET" && share.Database is null)
        {
            throw new StatementFailure("003040", "42501", $"SQL execution error:\nA database must be granted to share '{name}' before accounts are added.");
        }

        shares.Update(name, current => current with
        {
            Accounts = action switch
            {
                "ADD" => current.Accounts.Union(accounts, StringComparer.Ordinal).ToList(),
                "REMOVE" => current.Accounts.Except(accounts, StringComparer.Ordinal).ToList(),
                "SET" => accounts.Distinct(StringComparer.Ordinal).ToList(),
                _ => throw StatementFailure.Compilation($"syntax error: ADD, REMOVE or SET was expected, not '{action}'."),
            },
        });
        return ResultSet.Status("Statement executed successfully.");
    }

    private ResultSet ShowShares(SqlStatement statement)
    {
        var tokens = statement.Tokens;
        var pattern = tokens.Count >= 4 && tokens[2].IsWord("LIKE") && tokens[3].Kind == SqlTokenKind.String ? tokens[3].Value : null;
        var columns = new[]
        {
            new ResultColumn("created_on", "timestamp_ltz", 0, 9), ResultColumn.Text("kind"), ResultColumn.Text("owner_account"),
            ResultColumn.Text("name"), ResultColumn.Text("database_name"), ResultColumn.Text("to"), ResultColumn.Text("owner"),
            ResultColumn.Text("comment"),
        };
        var rows = shares.All()
            .Where(share => pattern is null || Like(share.Name, pattern))
            .Select(share => new[]
            {
                JsonV2Cells.Format(share.CreatedOn.UtcDateTime, columns[0]), "OUTBOUND", ownerAccount, share.Name, share.Database ?? "",
                string.Join(',', share.Accounts), "ACCOUNTADMIN", "",
            })
            .ToList();
        return ResultSet.Of(columns, rows!, int.MaxValue);
    }

    private ResultSet ShowGrants(SqlStatement statement)
    {
        var index = 4;
        var name = QualifiedName.Read(statement.Tokens, ref index).Last;
        var share = shares.Find(name) ?? throw StatementFailure.DoesNotExist($"Share '{name}'");
        var columns = new[]
        {
            new ResultColumn("created_on", "timestamp_ltz", 0, 9), ResultColumn.Text("privilege"), ResultColumn.Text("granted_on"),
            ResultColumn.Text("name"), ResultColumn.Text("granted_to"), ResultColumn.Text("grantee_name"), ResultColumn.Text("grant_option"),
            ResultColumn.Text("granted_by"),
        };
        var rows = share.Grants
            .Select(grant => new[]
            {
                JsonV2Cells.Format(grant.CreatedOn.UtcDateTime, columns[0]), grant.Privilege, grant.GrantedOn, grant.Name, "SHARE",
                share.Name, "false", "ACCOUNTADMIN",
            })
            .ToList();
        return ResultSet.Of(columns, rows!, int.MaxValue);
    }

    /// <summary>The object's full name with the session's database and schema filled in, parts joined by U+0001.</summary>
    private static string Resolve(QualifiedName name, int parts, SessionContext session)
    {
        if (name.Parts.Count > parts)
        {
            throw StatementFailure.Compilation($"syntax error: '{string.Join('.', name.Parts)}' has too many parts.");
        }

        var context = new[] { session.Database, session.Schema }.Take(parts - name.Parts.Count);
        return string.Join('\u0001', context.Concat(name.Parts));
    }

    private static bool Words(IReadOnlyList<SqlToken> tokens, int index, params string[] words) =>
        index + words.Length <= tokens.Count && words.Select((word, i) => tokens[index + i].IsWord(word)).All(match => match);

    /// <summary>SQL LIKE, case-insensitive as Snowflake's SHOW ... LIKE is.</summary>
    private static bool Like(string value, string pattern)
    {
        var regex = "^" + string.Concat(pattern.Select(c => c switch
        {
            '%' => ".*",
            '_' => ".",
            _ => System.Text.RegularExpressions.Regex.Escape(c.ToString()),
        })) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(value, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase,
            TimeSpan.FromSeconds(1));
    }
}
