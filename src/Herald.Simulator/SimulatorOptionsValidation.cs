using System.Diagnostics.CodeAnalysis;
using System.Net;
using Herald.Simulator.Attributes;

namespace Herald.Simulator;

/// <summary>Refuses options that would make a simulator misbehave by accident, naming the setting at fault.</summary>
internal static class SimulatorOptionsValidation
{
    public static void Validate(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.Accounts is { Count: > 0 }, "SimulatorOptions.Accounts must hold at least one account.");
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            ValidateAccount(options.Accounts[i], $"SimulatorOptions.Accounts[{i}]");
        }

        var pairs = options.Accounts.Select(account => (account.PartnerName, account.Token)).ToList();
        Require(pairs.Distinct().Count() == pairs.Count, "SimulatorOptions.Accounts lists the same partner name and token twice.");
        Require(options.ProcessingDelay >= TimeSpan.Zero, "SimulatorOptions.ProcessingDelay must not be negative.");
        Require(options.RequestsPerSecondPerToken >= 0, "SimulatorOptions.RequestsPerSecondPerToken must not be negative (0 disables the limit).");
        Require(options.MaxFileBytes > 0, "SimulatorOptions.MaxFileBytes must be positive.");
        Require(options.CallbackAttempts >= 1, "SimulatorOptions.CallbackAttempts must be at least 1.");
        Require(options.CallbackRetryDelay >= TimeSpan.Zero, "SimulatorOptions.CallbackRetryDelay must not be negative.");
        Require(options.Faults is not null, "SimulatorOptions.Faults must not be null.");
        Require(options.TimeProvider is not null, "SimulatorOptions.TimeProvider must not be null.");
        if (options.SnowflakeConsumer is { } consumer)
        {
            const string setting = "SimulatorOptions.SnowflakeConsumer";
            Require(consumer.BaseUrl is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps),
                $"{setting}.BaseUrl must be an absolute http(s) address of the SQL API.");
            Require(!string.IsNullOrWhiteSpace(consumer.Account) && consumer.Account == consumer.Account.ToUpperInvariant(),
                $"{setting}.Account must be Insider One's account in uppercase, such as INSIDERORG-EU_ACCOUNT.");
            Require(!string.IsNullOrWhiteSpace(consumer.User) && consumer.User == consumer.User.ToUpperInvariant(), $"{setting}.User must be an uppercase user name.");
            Require(!string.IsNullOrWhiteSpace(consumer.PrivateKeyPem), $"{setting}.PrivateKeyPem must hold the user's PEM private key.");
            Require(consumer.MaxRowsPerTable > 0, $"{setting}.MaxRowsPerTable must be positive.");
            Require(consumer.MaxAnswerBytes > 0, $"{setting}.MaxAnswerBytes must be positive.");
            Require(consumer.StatementTimeout > TimeSpan.Zero, $"{setting}.StatementTimeout must be positive.");
        }
        foreach (var (name, type) in options.CustomAttributes ?? [])
        {
            var setting = $"SimulatorOptions.CustomAttributes[\"{name}\"]";
            Require(!string.IsNullOrWhiteSpace(name) && name == name.ToLowerInvariant() && !name.Contains(' '),
                $"{setting}: attribute names are lowercase without spaces.");
            Require(!AttributeRegistry.DefaultAttributes.ContainsKey(name), $"{setting}: '{name}' is a default attribute already.");
            Require(type is not null && AttributeRegistry.CustomTypes.ContainsKey(type),
                $"{setting}: the type must be one of {string.Join(", ", AttributeRegistry.CustomTypes.Keys)}, not '{type}'.");
        }
    }

    private static void ValidateAccount(SimulatorAccount? account, string setting)
    {
        Require(account is not null, $"{setting} must not be null.");
        Require(!string.IsNullOrWhiteSpace(account.PartnerName), $"{setting}.PartnerName must not be empty.");
        Require(account.PartnerName == account.PartnerName.ToLowerInvariant(), $"{setting}.PartnerName must be lowercase, as Insider One requires.");
        Require(!string.IsNullOrEmpty(account.Token), $"{setting}.Token must not be empty.");
        foreach (var address in account.AllowedAddresses ?? [])
        {
            Require(IPAddress.TryParse(address, out _), $"{setting}.AllowedAddresses: '{address}' is not an IP address.");
        }
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "options");
        }
    }
}
