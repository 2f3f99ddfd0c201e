using Herald.Core.Catalog;

namespace Herald.Core.Ports;

/// <summary>
/// The part of a plugin that owns a kind of credential: its id, the secrets it holds and the rules on its settings.
/// Every destination plugin is one (<see cref="IDestinationPlugin"/>); a plugin whose credentials serve something else
/// than segments (the <c>snowflake</c> credential of bridges) is only this.
/// </summary>
public interface ICredentialPlugin
{
    /// <summary>The plugin's id as credentials store it, such as <c>insiderone</c>.</summary>
    string Id { get; }

    /// <summary>The names of the secrets a credential of this plugin holds, such as <c>api-token</c>.</summary>
    IReadOnlyList<string> SecretNames { get; }

    /// <summary>
    /// The plugin's rules on a credential: its whole settings document, and the secrets given now (a new credential
    /// needs every one of <see cref="SecretNames"/> it requires; a change may give some, the others stay as stored). Empty when they hold.
    /// </summary>
    IReadOnlyList<FieldProblem> CheckCredential(SettingsDocument settings, SecretValues secrets, bool isNew);
}
