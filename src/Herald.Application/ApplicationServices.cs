using Herald.Application.Alerts;
using Herald.Application.Bridges;
using Herald.Application.Runs;
using Herald.Application.Runs.Steps;
using Herald.Application.Schedules;
using Herald.Application.Telemetry;
using Herald.Application.UseCases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Herald.Application;

/// <summary>The use cases and the run engine, registered for a host that has already registered Core's ports.</summary>
public static class ApplicationServices
{
    /// <summary>
    /// Registers the use cases, the run engine and its background services (workers, deadline sweeper, scheduler, alert
    /// deliveries). The host provides every port of <c>Herald.Core.Ports</c> (with one <see cref="Herald.Core.Ports.IAlertSender"/>
    /// per alert channel), a <see cref="TimeProvider"/>, <see cref="RunEngineOptions"/>, <see cref="ScheduleOptions"/>,
    /// <see cref="AlertOptions"/> and <see cref="Segments.SegmentOptions"/>.
    /// </summary>
    public static IServiceCollection AddHeraldApplication(this IServiceCollection services)
    {
        services.AddSingleton<DestinationPlugins>();
        services.AddSingleton<CredentialPlugins>();
        services.AddSingleton<RunSignal>();
        services.AddSingleton<RunUpdater>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunAccounts>();
        services.AddSingleton<DestinationRoutes>();
        services.AddSingleton<CurrentSegments>();
        services.AddSingleton<UploadGuards>();
        services.AddSingleton<Acceptances>();
        services.AddSingleton<InDoubtSubmissions>();
        services.AddSingleton<BuildStep>();
        services.AddSingleton<CompareStep>();
        services.AddSingleton<StageStep>();
        services.AddSingleton<SubmitStep>();
        services.AddSingleton<RunSteps>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<RunUseCases>();
        services.AddSingleton<DestinationUseCases>();
        services.AddSingleton<CredentialUseCases>();
        services.AddSingleton<Handover.HandoverUseCases>();
        services.AddSingleton<CredentialConnectionTest>();
        services.AddSingleton<OrchestrationUseCases>();
        services.AddSingleton<SourceSchemaReads>();
        services.AddSingleton<QueryChecks>();
        services.AddSingleton<Segments.IdentityTable>();
        services.AddSingleton<Segments.SegmentSqlCheck>();
        services.AddSingleton<Segments.SegmentAudiences>();
        services.AddSingleton<Segments.SegmentUseCases>();
        services.AddSingleton<Configuration.ConfigurationChecks>();
        services.AddSingleton<Configuration.ConfigurationUseCases>();
        services.AddSingleton<Sandboxes.SandboxUseCases>();
        services.AddSingleton<Sandboxes.SandboxRunUseCases>();
        services.AddSingleton<Sandboxes.SandboxSecretUseCases>();
        services.AddSingleton<Sandboxes.SandboxListings>();
        services.AddSingleton<Pii.PiiCatalog>();
        services.AddSingleton<Pii.PiiReads>();
        services.AddSingleton<Pii.AudienceRedaction>();
        services.AddSingleton<CatalogReads>();
        services.AddSingleton<RunReads>();
        services.AddSingleton<ReportUseCases>();
        services.AddSingleton<Access.UserUseCases>();
        services.AddSingleton<Access.AuditTrail>();
        services.AddSingleton<Access.AuditReads>();
        services.AddSingleton<ReportDeadlineSweeper>();
        services.AddSingleton<IRunFinishedListener, RunMetricsListener>();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<IRunFinishedListener>(sp => sp.GetRequiredService<AlertEvaluator>());
        services.AddSingleton<ISchedulePauseAlerts>(sp => sp.GetRequiredService<AlertEvaluator>());
        services.AddSingleton<ISchedulePausedListener, SchedulePauseAlertListener>();
        services.AddSingleton<AlertDeliverer>();
        services.AddSingleton<AlertUseCases>();
        services.AddHostedService<RunWorker>();
        services.AddHostedService<AlertDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportDeadlineSweeper>());
        services.AddSingleton<Handover.HandoverLinkCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<Handover.HandoverLinkCleanup>());
        services.AddSingleton<ScheduleSignal>();
        services.AddSingleton<ScheduleChains>();
        services.AddSingleton<ScheduledRunStarter>();
        services.AddSingleton<ScheduleTicker>();
        services.AddSingleton<ScheduleUseCases>();
        services.AddSingleton<IRunFinishedListener, ScheduleRunListener>();
        services.AddHostedService<Scheduler>();
        return services;
    }

    /// <summary>
    /// Registers bridges: their use cases and the sync worker. The host provides <c>IBridgeStore</c>,
    /// <c>IInsiderTableSource</c> and one <c>IBridgeTarget</c> per target it supports, besides what
    /// <see cref="AddHeraldApplication"/> needs.
    /// </summary>
    public static IServiceCollection AddHeraldBridges(this IServiceCollection services)
    {
        services.AddSingleton<BridgeTargets>();
        services.AddSingleton<BridgeSyncSignal>();
        services.AddSingleton<BridgeSyncExecutor>();
        services.AddSingleton<BridgeUseCases>();
        services.AddHostedService<BridgeSyncWorker>();
        return services;
    }
}
