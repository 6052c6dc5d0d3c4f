using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace Resilience.Storage;

/// <summary>
/// Named locks shared by every instance of the app: a lease on a small blob, renewed while held and released on
/// dispose. A holder that dies loses the lock when the lease expires (60 s).
/// </summary>
public sealed class BlobLocks(BlobServiceClient blobs, StorageOptions options, ILogger<BlobLocks> logger)
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>The lock, or null at once when somebody else holds it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(options.LocksContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var blob = container.GetBlobClient(name + ".lock");
        try
        {
            await blob.UploadAsync(BinaryData.FromString(name), overwrite: false, ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // the lock blob exists already (and may be leased): fine
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: ct);
            return new Held(lease, logger);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Waits for the lock; throws <see cref="TimeoutException"/> (a transient failure) after <paramref name="patience"/>.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan patience, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (await TryAcquireAsync(name, ct) is { } held) return held;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The lock '{name}' stayed busy for {patience.TotalSeconds:F0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Held(BlobLeaseClient lease, ILogger logger)
        {
            (_lease, _logger) = (lease, logger);
            _renewing = RenewAsync();
        }

        private async Task RenewAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(LeaseDuration / 3, _stop.Token);
                    await _lease.RenewAsync(cancellationToken: _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (RequestFailedException e)
            {
                _logger.LogWarning(e, "Renewing the lease of {Blob} failed", _lease.Uri);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try
            {
                await _lease.ReleaseAsync();
            }
            catch (RequestFailedException e)
            {
                _logger.LogWarning(e, "Could not release the lease of {Blob}; it expires by itself", _lease.Uri);
            }
        }
    }
}
