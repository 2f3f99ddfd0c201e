using Herald.Snowflake.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Snowflake;

/// <summary>Registers the Snowflake settings so that a bad value stops the host at start-up, naming the setting.</summary>
public static class SnowflakeServiceCollectionExtensions
{
    public static IServiceCollection AddSnowflakeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SnowflakeOptions>().Bind(configuration.GetSection(SnowflakeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TablePublisherOptions>().Bind(configuration.GetSection(TablePublisherOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
