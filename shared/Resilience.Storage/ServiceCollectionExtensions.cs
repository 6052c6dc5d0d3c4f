using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Resilience.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage clients and pipeline services, connected the same way the triggers are:
    /// <c>AzureWebJobsStorage</c> as a connection string (Azurite, local), or identity-based with
    /// <c>AzureWebJobsStorage__accountName</c> (+ <c>__credential</c> = managedidentity, <c>__clientId</c>) in Azure.
    /// </summary>
    public static IServiceCollection AddResiliencePipeline(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new StorageOptions();
        configuration.GetSection("Resilience").Bind(options);
        services.AddSingleton(options);

        var connection = StorageConnection.From(configuration);
        services.AddSingleton(_ => connection.Blobs());
        services.AddSingleton(_ => connection.Tables());
        services.AddSingleton(_ => connection.Queues());

        services.AddSingleton<BlobLocks>();
        services.AddSingleton<DatasetMetadataLoader>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<IngestionStore>();
        services.AddSingleton<IngestionReportStore>();
        services.AddSingleton<ObservationStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<RecomputeRequests>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<ScoringService>();
        services.AddSingleton<ResultsQueries>();
        return services;
    }
}

/// <summary>How to reach the storage account: a connection string, or an account name with a token credential.</summary>
public sealed class StorageConnection
{
    private readonly string? _connectionString;
    private readonly TokenCredential? _credential;
    private readonly Uri? _blob, _queue, _table;

    private StorageConnection(string connectionString) => _connectionString = connectionString;

    private StorageConnection(TokenCredential credential, Uri blob, Uri queue, Uri table)
    {
        _credential = credential;
        (_blob, _queue, _table) = (blob, queue, table);
    }

    public static StorageConnection From(IConfiguration configuration)
    {
        var setting = StorageOptions.ConnectionSetting;
        if (configuration[setting] is { Length: > 0 } connectionString) return new StorageConnection(connectionString);

        var section = configuration.GetSection(setting);
        var account = section["accountName"];
        if (string.IsNullOrEmpty(account))
            throw new InvalidOperationException(
                $"Storage is not configured: set '{setting}' to a connection string, or '{setting}__accountName' for identity-based access.");
        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        Uri Endpoint(string service) =>
            section[$"{service}ServiceUri"] is { Length: > 0 } uri ? new Uri(uri) : new Uri($"https://{account}.{service}.core.windows.net");
        return new StorageConnection(credential, Endpoint("blob"), Endpoint("queue"), Endpoint("table"));
    }

    public BlobServiceClient Blobs() =>
        _connectionString is not null ? new BlobServiceClient(_connectionString) : new BlobServiceClient(_blob, _credential);

    public TableServiceClient Tables() =>
        _connectionString is not null ? new TableServiceClient(_connectionString) : new TableServiceClient(_table, _credential);

    // Functions' queue trigger expects base64 message bodies by default.
    public QueueServiceClient Queues()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return _connectionString is not null ? new QueueServiceClient(_connectionString, options) : new QueueServiceClient(_queue, _credential, options);
    }
}
