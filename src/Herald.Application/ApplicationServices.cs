using Herald.Application.Runs;
using Herald.Application.Runs.Steps;
using Herald.Application.UseCases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Herald.Application;

/// <summary>The use cases and the run engine, registered for a host that has already registered Core's ports.</summary>
public static class ApplicationServices
{
    /// <summary>
    /// Registers the use cases, the run engine and its background services (workers, deadline sweeper). The host
    /// provides every port of <c>Herald.Core.Ports</c>, a <see cref="TimeProvider"/> and <see cref="RunEngineOptions"/>.
    /// </summary>
    public static IServiceCollection AddHeraldApplication(this IServiceCollection services)
    {
        services.AddSingleton<DestinationPlugins>();
        services.AddSingleton<RunSignal>();
        services.AddSingleton<RunUpdater>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunAccounts>();
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
        services.AddSingleton<OrchestrationUseCases>();
        services.AddSingleton<CatalogReads>();
        services.AddSingleton<RunReads>();
        services.AddSingleton<ReportUseCases>();
        services.AddSingleton<Access.UserUseCases>();
        services.AddSingleton<Access.AuditTrail>();
        services.AddSingleton<Access.AuditReads>();
        services.AddSingleton<ReportDeadlineSweeper>();
        services.AddHostedService<RunWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportDeadlineSweeper>());
        return services;
    }
}
