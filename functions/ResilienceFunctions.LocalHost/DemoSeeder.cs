using Azure.Storage.Blobs;
using Resilience.Method.Demo;
using Resilience.Storage;

namespace ResilienceFunctions.LocalHost;

/// <summary>With <c>--seed-demo</c>: uploads the generated demo data set to <c>indicators/demo/</c> once the host listens.</summary>
public sealed class DemoSeeder(BlobServiceClient blobs, StorageOptions options, IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger)
    : BackgroundService
{
    public const string Dataset = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var container = blobs.GetBlobContainerClient(options.IndicatorsContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        foreach (var (_, fileName, csv) in DemoDataGenerator.YearlyFiles())
        {
            var blob = container.GetBlobClient($"{Dataset}/{fileName}");
            if (await blob.ExistsAsync(stoppingToken)) continue;
            await blob.UploadAsync(BinaryData.FromString(csv), overwrite: false, stoppingToken);
            logger.LogInformation("Demo: uploaded {Container}/{Blob}", container.Name, blob.Name);
        }
    }
}
