namespace Herald.Server.Telemetry;

/// <summary>Who may scrape <c>/metrics</c> (<c>Herald:Telemetry:MetricsAccess</c>).</summary>
public enum MetricsAccess
{
    /// <summary>Callers with the API key (X-Herald-Api-Key, or <c>Authorization: Bearer</c>, which Prometheus sends with <c>authorization.credentials</c>).</summary>
    ApiKey,

    /// <summary>Anyone who reaches the port: for a scraper on a private network. The metrics hold no personal data or secret either way.</summary>
    Anonymous,

    /// <summary>No <c>/metrics</c> endpoint.</summary>
    Off,
}
