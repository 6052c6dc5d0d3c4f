using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Resilience.Storage;
using ResilienceFunctions.Functions;

namespace ResilienceFunctions;

public static class ServiceRegistration
{
    /// <summary>Everything the function classes need; called by the Functions host's Program and by the local host.</summary>
    public static IServiceCollection AddResilienceFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddResiliencePipeline(configuration);
        services.AddSingleton<ApiResponder>();
        return services;
    }
}
