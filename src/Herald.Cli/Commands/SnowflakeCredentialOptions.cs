using System.CommandLine;
using System.Text.Json.Nodes;

namespace Herald.Cli.Commands;

/// <summary>
/// The options of <c>credential add --plugin snowflake</c>: the account, user, role and warehouse, the private key read
/// from a file (never an option value), its passphrase from standard input or an environment variable, and optionally
/// the stage large tables are loaded through, with its secret access key from an environment variable.
/// </summary>
internal sealed class SnowflakeCredentialOptions
{
    public const string Plugin = "snowflake";

    private readonly Option<string?> account = new("--account") { Description = "The Snowflake account identifier, such as myorg-myaccount; snowflake", HelpName = "ORG-ACCOUNT" };
    private readonly Option<string?> user = new("--user") { Description = "The Snowflake user holding the key's public half; snowflake", HelpName = "USER" };
    private readonly Option<string?> role = new("--role") { Description = "The role statements run as (the user's default when left out)", HelpName = "ROLE" };
    private readonly Option<string?> warehouse = new("--warehouse") { Description = "The warehouse statements run in (the user's default when left out)", HelpName = "WAREHOUSE" };
    private readonly Option<FileInfo?> privateKeyFile = new("--private-key-file") { Description = "The user's RSA private key, PKCS#8 PEM (plain or encrypted)", HelpName = "PATH" };
    private readonly SecretInputOptions passphrase = new("passphrase", "private key's passphrase", trim: false);
    private readonly Option<string?> stageName = new("--stage-name") { Description = "A Snowflake stage for large tables, made by an administrator over S3 (optional)", HelpName = "STAGE" };
    private readonly Option<string?> stageEndpoint = new("--stage-endpoint") { Description = "The stage's S3 service address, such as https://s3.eu-west-1.amazonaws.com", HelpName = "URL" };
    private readonly Option<string?> stageBucket = new("--stage-bucket") { Description = "The stage's bucket", HelpName = "BUCKET" };
    private readonly Option<string?> stagePrefix = new("--stage-prefix") { Description = "The stage URL's path in the bucket, ending in /", HelpName = "PREFIX/" };
    private readonly Option<string?> stageRegion = new("--stage-region") { Description = "The bucket's region, such as eu-west-1", HelpName = "REGION" };
    private readonly Option<string?> stageAccessKeyId = new("--stage-access-key-id") { Description = "The id of an access key that may write to the stage's bucket", HelpName = "ID" };
    private readonly Option<string?> stageSecretEnv = new("--stage-secret-access-key-env") { Description = "Read the stage access key's secret from this environment variable", HelpName = "VAR" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { account, user, role, warehouse, privateKeyFile, stageName, stageEndpoint, stageBucket, stagePrefix, stageRegion, stageAccessKeyId, stageSecretEnv })
        {
            command.Options.Add(option);
        }
        passphrase.AddTo(command, required: false);
    }

    /// <summary>The credential's settings and secrets as the API takes them.</summary>
    /// <exception cref="UsageException">A required option is missing, the key file cannot be read, or a stage is half given.</exception>
    public async Task<(JsonObject Settings, IReadOnlyDictionary<string, string> Secrets)> ReadAsync(ParseResult parseResult, CliContext context, CancellationToken ct)
    {
        if (parseResult.GetValue(account) is not { } accountId || parseResult.GetValue(user) is not { } userName || parseResult.GetValue(privateKeyFile) is not { } keyFile)
        {
            throw new UsageException("A snowflake credential needs --account, --user and --private-key-file PATH.");
        }
        if (!keyFile.Exists)
        {
            throw new UsageException($"--private-key-file: there is no file {keyFile.FullName}.");
        }
        if (keyFile.Length > 64 * 1024)
        {
            throw new UsageException("--private-key-file: the file is larger than a PEM private key can be (64 KB); give the key's file.");
        }
        var settings = new JsonObject { ["accountIdentifier"] = accountId, ["user"] = userName };
        AddIfGiven(settings, "role", parseResult.GetValue(role));
        AddIfGiven(settings, "warehouse", parseResult.GetValue(warehouse));
        var secrets = new Dictionary<string, string> { ["private-key"] = await File.ReadAllTextAsync(keyFile.FullName, ct) };
        if (await passphrase.ReadAsync(parseResult, context, ct) is { } phrase)
        {
            secrets["private-key-passphrase"] = phrase;
        }
        var stage = new[] { ("stageName", stageName), ("stageEndpoint", stageEndpoint), ("stageBucket", stageBucket), ("stagePrefix", stagePrefix), ("stageRegion", stageRegion) }
            .Select(s => (s.Item1, Value: parseResult.GetValue(s.Item2))).Where(s => s.Value is not null).ToList();
        if (stage.Count > 0 || parseResult.GetValue(stageAccessKeyId) is not null)
        {
            if (parseResult.GetValue(stageAccessKeyId) is not { } keyId || parseResult.GetValue(stageSecretEnv) is not { } variable
                || context.GetEnvironmentVariable(variable) is not { Length: > 0 } secret)
            {
                throw new UsageException("A stage needs --stage-access-key-id and --stage-secret-access-key-env VAR, with the secret in that variable.");
            }
            stage.ForEach(s => settings[s.Item1] = s.Value);
            secrets["stage-access-key-id"] = keyId;
            secrets["stage-secret-access-key"] = secret.Trim();
        }
        return (settings, secrets);
    }

    private static void AddIfGiven(JsonObject settings, string member, string? value)
    {
        if (value is not null)
        {
            settings[member] = value;
        }
    }
}
