using System.ComponentModel.DataAnnotations;

namespace Herald.Application.Sandboxes;

/// <summary>Settings under <c>Herald:Sandbox</c>. Validated at start-up, so a bad value stops Herald before any sandbox runs.</summary>
public sealed class SandboxOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Herald:Sandbox";

    /// <summary>The largest allowed <see cref="MaxTestValues"/>: Insider One's integrators test with 10 to 100 members.</summary>
    public const int TestValuesCeiling = 1_000;

    /// <summary>
    /// The most values a run in a sandbox sends (its test audience) unless an administrator allowed the sandbox full sends.
    /// </summary>
    public int MaxTestValues { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxTestValues is < 1 or > TestValuesCeiling)
        {
            yield return new ValidationResult($"Herald:Sandbox:MaxTestValues must be between 1 and {TestValuesCeiling:N0} (default 100).", [nameof(MaxTestValues)]);
        }
    }
}
