using System.ComponentModel.DataAnnotations;

namespace Herald.Application.Schedules;

/// <summary>Settings under <c>Herald:Schedules</c>. Validated at start-up, so a bad value stops Herald before any run starts.</summary>
public sealed class ScheduleOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Herald:Schedules";

    /// <summary>The shortest time allowed between two slots of a cron schedule; a cron that fires more often is refused when saved.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Runs of a schedule that fail in a row before Herald pauses it (and tells the schedule's listeners, for alerts).</summary>
    public int PauseAfterFailures { get; set; } = 3;

    /// <summary>The longest the scheduler sleeps before looking again, even when no slot is due sooner (it also wakes when a schedule changes).</summary>
    public TimeSpan MaxSleep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most orchestrations one run-after chain may hold, first to last; a longer chain is refused when saved.</summary>
    public int MaxChainLength { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumInterval < TimeSpan.FromMinutes(1) || MinimumInterval > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Herald:Schedules:MinimumInterval must be between 00:01:00 and 1.00:00:00 (default 00:05:00).", [nameof(MinimumInterval)]);
        }
        if (PauseAfterFailures is < 1 or > 100)
        {
            yield return new ValidationResult("Herald:Schedules:PauseAfterFailures must be between 1 and 100 (default 3).", [nameof(PauseAfterFailures)]);
        }
        if (MaxSleep < TimeSpan.FromSeconds(1) || MaxSleep > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Herald:Schedules:MaxSleep must be between 00:00:01 and 01:00:00 (default 00:01:00).", [nameof(MaxSleep)]);
        }
        if (MaxChainLength is < 2 or > 100)
        {
            yield return new ValidationResult("Herald:Schedules:MaxChainLength must be between 2 and 100 (default 10).", [nameof(MaxChainLength)]);
        }
    }
}
