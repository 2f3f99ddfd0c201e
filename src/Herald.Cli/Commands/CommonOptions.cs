using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary>Options several commands share; each command gets its own instance.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json(string what) => new("--json") { Description = $"Print the {what} as JSON (the API's shape) and nothing else" };

    public static Option<bool> Wait() => new("--wait") { Description = "Follow the run until it ends; exit 0 only if it succeeded" };

    public static Option<bool> AllowEmpty() => new("--allow-empty") { Description = "Send an empty audience instead of failing the run when the query returns no values" };

    public static Option<bool> Force() => new("--force")
    {
        Description = "Pass the shrink guard: let a replace remove more of the segment than the destination allows, this time only",
    };

    public static Option<string?> Description(string what) => new("--description") { Description = $"What the {what} is for", HelpName = "TEXT" };

    /// <summary>The name of something being added.</summary>
    public static Argument<string> NewName(string what) => new("name") { Description = $"The {what}'s name: letters, digits, '-', '_' and '.'" };

    /// <summary>Something that exists, by name or id.</summary>
    public static Argument<string> Name(string what) => new("name") { Description = $"The {what}'s name (or id)" };
}
