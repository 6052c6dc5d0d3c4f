using Azure;
using Azure.Storage.Blobs;
using Resilience.Method;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;

namespace Resilience.Storage;

/// <summary>The assessment system and city list in force for a dataset, and a hash that changes when either does.</summary>
public sealed record DatasetMetadata(Catalog Catalog, CityRegistry Cities, AssessmentOptions Options, string Hash);

/// <summary>
/// A dataset may bring its own <c>catalog.csv</c> and <c>cities.csv</c> beside its data; otherwise the built-in
/// catalog and the 126-city registry are used.
/// </summary>
public sealed class DatasetMetadataLoader(BlobServiceClient blobs, StorageOptions options)
{
    public const string CatalogFile = "catalog.csv";
    public const string CitiesFile = "cities.csv";
    public const string ConfigFile = "config.json";

    public static InputKind KindOf(string fileName) => fileName.ToLowerInvariant() switch
    {
        CatalogFile => InputKind.Catalog,
        CitiesFile => InputKind.Cities,
        ConfigFile => InputKind.Config,
        _ => InputKind.Indicators,
    };

    /// <exception cref="DataFileException">The dataset's own catalog or cities file is invalid.</exception>
    public async Task<DatasetMetadata> LoadAsync(string dataset, CancellationToken ct)
    {
        var container = blobs.GetBlobContainerClient(options.IndicatorsContainer);
        var (catalogText, catalogHash) = await ReadOptionalAsync(container.GetBlobClient($"{dataset}/{CatalogFile}"), ct);
        var (citiesText, citiesHash) = await ReadOptionalAsync(container.GetBlobClient($"{dataset}/{CitiesFile}"), ct);
        var (configText, configHash) = await ReadOptionalAsync(container.GetBlobClient($"{dataset}/{ConfigFile}"), ct);
        var catalog = catalogText is null ? Catalog.Default : Catalog.Parse(new StringReader(catalogText), $"{dataset}/{CatalogFile}");
        var cities = citiesText is null ? CityRegistry.Default : CityRegistry.Parse(new StringReader(citiesText), $"{dataset}/{CitiesFile}");
        var assessment = configText is null ? AssessmentOptions.Default : AssessmentOptionsFile.Parse(configText, $"{dataset}/{ConfigFile}", catalog);
        return new DatasetMetadata(catalog, cities, assessment, $"{catalogHash ?? "default"}:{citiesHash ?? "default"}:{configHash ?? "default"}");
    }

    private static async Task<(string? Text, string? Hash)> ReadOptionalAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            var content = await blob.DownloadContentAsync(ct);
            var bytes = content.Value.Content.ToArray();
            return (new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true).ReadToEnd(), ContentHash.Of(bytes)[..16]);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }
}

public static class ContentHash
{
    public static string Of(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}

/// <summary>Passes a stream through while computing its SHA-256, so a file is hashed in the same pass that parses it.</summary>
public sealed class HashingReadStream(Stream inner) : Stream
{
    private readonly System.Security.Cryptography.IncrementalHash _hash =
        System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public long BytesRead { get; private set; }

    public string HashHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _hash.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        _hash.AppendData(buffer.Span[..n]);
        BytesRead += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
