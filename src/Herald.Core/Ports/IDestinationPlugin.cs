using Herald.Core.Catalog;
using Herald.Core.Updates;

namespace Herald.Core.Ports;

/// <summary>
/// The rules of one kind of destination that the run engine applies without knowing the destination: how large a
/// file may be, how long its report may take, how a split audience's segments are named. The plugin owns them and
/// the settings that change them.
/// </summary>
public interface IDestinationPlugin : ICredentialPlugin
{
    /// <summary>The destination's name as people know it, for reasons ("Insider One").</summary>
    string DisplayName { get; }

    /// <summary>The largest file the destination takes, in bytes, and the setting that says so.</summary>
    long MaxFileBytes { get; }

    /// <summary>The setting behind <see cref="MaxFileBytes"/>, named in reasons.</summary>
    string MaxFileBytesSetting { get; }

    /// <summary>How long a run waits for the destination's report after it accepted the last part.</summary>
    TimeSpan ReportTimeout { get; }

    /// <summary>The server's shrink guard (a share from 0 to 1) for destinations without their own.</summary>
    double ShrinkGuardShare { get; }

    /// <summary>The setting behind <see cref="ShrinkGuardShare"/>, named in reasons.</summary>
    string ShrinkGuardShareSetting { get; }

    /// <summary>The rule values of the attribute must pass for the destination to take them; null for any non-empty text.</summary>
    Audiences.ValueRule? ValueRuleOf(string attributeName);

    /// <summary>
    /// The plugin's rules on a destination's whole settings document (its shape, its members, their values), checked
    /// when a destination is saved; empty when they hold. A problem names the field as the edges' forms and requests
    /// call it (such as <c>SegmentName</c>).
    /// </summary>
    IReadOnlyList<FieldProblem> CheckDestination(SettingsDocument settings);

    /// <summary>The segment route a destination's settings describe, for the run engine.</summary>
    /// <exception cref="FormatException">The settings do not pass <see cref="CheckDestination"/>.</exception>
    SegmentRoute RouteOf(SettingsDocument settings);

    /// <summary>The plugin's rules on a route (such as one sending to a test segment), checked when a run starts; empty when they hold.</summary>
    IReadOnlyList<FieldProblem> CheckRoute(SegmentRoute route);

    /// <summary>The account the segment gateway sends with: the credential's settings and its decrypted secrets.</summary>
    /// <exception cref="FormatException">The settings do not pass <see cref="CheckCredential"/>, or a secret is missing.</exception>
    SegmentAccount AccountOf(SettingsDocument settings, SecretValues secrets);

    /// <summary>The most parts a split audience may have: beyond it the part names would not fit.</summary>
    int MaxParts { get; }

    /// <summary>The segment names of a layout of <paramref name="parts"/> parts, in part order; one part keeps the plain name.</summary>
    IReadOnlyList<string> SegmentNamesOf(string segmentName, int parts);

    /// <summary>Null when every name of the layout is one the destination takes; else what does not fit, with the numbers.</summary>
    LayoutProblem? CheckLayout(string segmentName, int parts);
}

/// <summary>A layout's names do not fit: the longest allowed, the suffix that needs room, the room left for the name.</summary>
public sealed record LayoutProblem(string CutName, int MaxLength, string Suffix, int RoomForName);
