using System.ComponentModel.DataAnnotations;

namespace Herald.Application.Configuration;

/// <summary>Settings under <c>Herald:Configuration</c>. Validated at start-up, so a bad value stops Herald before any file is applied.</summary>
public sealed class ConfigurationOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Herald:Configuration";

    /// <summary>The largest allowed <see cref="MaxChangedEntries"/>.</summary>
    public const int ChangedEntriesCeiling = 100_000;

    /// <summary>
    /// The most entries one configuration file (applied to production or to a sandbox) or one promotion may add or change.
    /// Each new or changed orchestration's query runs against the customer 360 while the file is checked, so a file of
    /// thousands of them would hold the source (and a preview slot) for minutes.
    /// </summary>
    public int MaxChangedEntries { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxChangedEntries is < 1 or > ChangedEntriesCeiling)
        {
            yield return new ValidationResult($"Herald:Configuration:MaxChangedEntries must be between 1 and {ChangedEntriesCeiling:N0} (default 500).", [nameof(MaxChangedEntries)]);
        }
    }
}
