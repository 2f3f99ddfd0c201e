using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Herald.SnowflakeStandIn;

/// <summary>Refuses options that would make the stand-in misbehave by accident, naming the setting at fault.</summary>
internal static partial class StandInOptionsValidation
{
    public static void Validate(StandInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.Users is { Count: > 0 }, "StandInOptions.Users must hold at least one user whose JWTs are accepted.");
        Require(options.Consumers is not null, "StandInOptions.Consumers must not be null (leave it empty for no consumer account).");
        Require(options.Consumers.All(consumer => consumer is not null && options.Users.All(user => user?.Account != consumer.Account)),
            "StandInOptions.Consumers must be users of other accounts than StandInOptions.Users'.");
        foreach (var (user, setting) in options.Users.Select((user, i) => (user, $"StandInOptions.Users[{i}]"))
            .Concat(options.Consumers.Select((user, i) => (user, $"StandInOptions.Consumers[{i}]"))))
        {
            Require(user is not null, $"{setting} must not be null.");
            Require(SimpleName().IsMatch(user.Account ?? "") && user.Account == user.Account!.ToUpperInvariant(),
                $"{setting}.Account must be an uppercase account name such as MYORG-MYACCOUNT, not '{user.Account}'.");
            Require(SimpleName().IsMatch(user.User ?? "") && user.User == user.User!.ToUpperInvariant(),
                $"{setting}.User must be an uppercase user name such as HERALD, not '{user.User}'.");
            Require(user.PublicKeysPem is { Count: 1 or 2 }, $"{setting}.PublicKeysPem must hold one or two PEM public keys.");
            foreach (var pem in user.PublicKeysPem)
            {
                using var rsa = RSA.Create();
                try
                {
                    rsa.ImportFromPem(pem);
                }
                catch (Exception exception) when (exception is ArgumentException or CryptographicException)
                {
                    throw new ArgumentException($"{setting}.PublicKeysPem holds a value that is not a PEM RSA public key.", "options");
                }
            }
        }

        Require(options.Databases is { Count: > 0 }, "StandInOptions.Databases must name at least one database.");
        foreach (var (database, schemas) in options.Databases)
        {
            Require(UppercaseIdentifier().IsMatch(database ?? ""), $"StandInOptions.Databases: '{database}' must be an uppercase identifier such as HERALD.");
            Require(schemas is { Count: > 0 } && schemas.All(schema => UppercaseIdentifier().IsMatch(schema ?? "")),
                $"StandInOptions.Databases[\"{database}\"] must list uppercase schema names such as PUBLIC.");
        }

        Require(options.AsyncThreshold >= TimeSpan.Zero, "StandInOptions.AsyncThreshold must not be negative.");
        Require(options.MaxValuesRows > 0, "StandInOptions.MaxValuesRows must be positive.");
        Require(options.MaxStatementBytes > 0, "StandInOptions.MaxStatementBytes must be positive.");
        Require(options.MaxRequestBytes >= options.MaxStatementBytes, "StandInOptions.MaxRequestBytes must be at least StandInOptions.MaxStatementBytes.");
        Require(options.PartitionRows > 0, "StandInOptions.PartitionRows must be positive.");
        Require(options.MaxResultRows > 0, "StandInOptions.MaxResultRows must be positive.");
        Require(options.RetainedStatements > 0, "StandInOptions.RetainedStatements must be positive.");
        Require(options.Faults is not null, "StandInOptions.Faults must not be null.");
        Require(options.StageRoot is null || Path.IsPathFullyQualified(options.StageRoot), "StandInOptions.StageRoot must be an absolute folder path, or null for one of the stand-in's own.");
        Require(SimpleName().IsMatch(options.StageAccessKeyId ?? ""), "StandInOptions.StageAccessKeyId must be an access key id of letters and digits.");
        Require(options.Stages is not null, "StandInOptions.Stages must not be null.");
        Require(options.MaxStageObjectBytes > 0, "StandInOptions.MaxStageObjectBytes must be positive.");
        Require(options.TimeProvider is not null, "StandInOptions.TimeProvider must not be null.");
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "options");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex SimpleName();

    [GeneratedRegex("^[A-Z_][A-Z0-9_]{0,254}$")]
    private static partial Regex UppercaseIdentifier();
}
