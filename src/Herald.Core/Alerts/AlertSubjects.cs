namespace Herald.Core.Alerts;

/// <summary>
/// The keys under which a rule remembers each subject's last state: <c>orchestration:{id}</c> or <c>destination:{id}</c>;
/// the state is <see cref="Ok"/> or the wire name of the kind last alerted.
/// </summary>
public static class AlertSubjects
{
    public const string Ok = "ok";

    public static string Orchestration(Guid id) => $"orchestration:{id:D}";

    public static string Destination(Guid id) => $"destination:{id:D}";
}
