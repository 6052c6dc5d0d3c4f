using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Resilience.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients and pipeline services. The connection comes from the
    /// <c>AzureWebJobsStorage</c> setting, the one the triggers use too.
    /// </summary>
    public static IServiceCollection AddResiliencePipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection("Resilience").Bind(options);
        services.AddSingleton(options);

        string Connection() => configuration[StorageOptions.ConnectionSetting]
            ?? throw new InvalidOperationException($"The setting '{StorageOptions.ConnectionSetting}' (storage connection string) is missing.");
        services.AddSingleton(_ => new BlobServiceClient(Connection()));
        services.AddSingleton(_ => new TableServiceClient(Connection()));
        // Functions' queue trigger expects base64 message bodies by default.
        services.AddSingleton(_ => new QueueServiceClient(Connection(), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));

        services.AddSingleton<DatasetMetadataLoader>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<IngestionStore>();
        services.AddSingleton<ObservationStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<RecomputeRequests>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<ScoringService>();
        services.AddSingleton<ResultsQueries>();
        return services;
    }
}
