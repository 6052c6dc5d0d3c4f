using Azure;
using Azure.Storage.Blobs;
using Resilience.Method;
using Resilience.Method.Assessment;
using Resilience.Method.Catalogs;

namespace Resilience.Storage;

/// <summary>The assessment system and city list in force for a dataset, and a hash that changes when either does.</summary>
public sealed record DatasetMetadata(Catalog Catalog, CityRegistry Cities, AssessmentOptions Options, string Hash);

/// <summary>
/// A dataset may bring its own <c>catalog.csv</c>, <c>cities.csv</c> and <c>config.json</c> beside its data; otherwise
/// the built-in catalog, the 126-city registry and the default options are used. A metadata file in force is its
/// current blob when that is valid, else the copy kept when it was last accepted: a bad upload of one of them is
/// rejected on its own and changes nothing else.
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

    private BlobContainerClient Uploaded => blobs.GetBlobContainerClient(options.IndicatorsContainer);
    private BlobContainerClient Accepted => blobs.GetBlobContainerClient(options.AcceptedMetadataContainer);

    /// <summary>The metadata in force; never fails for the data (an invalid file never accepted counts as absent).</summary>
    public async Task<DatasetMetadata> LoadAsync(string dataset, CancellationToken ct)
    {
        var catalog = await InForceAsync(dataset, CatalogFile, (text, name) => Catalog.Parse(new StringReader(text), name), ct);
        var cities = await InForceAsync(dataset, CitiesFile, (text, name) => CityRegistry.Parse(new StringReader(text), name), ct);
        var catalogInForce = catalog.Value ?? Catalog.Default;
        var config = await InForceAsync(dataset, ConfigFile, (text, name) => AssessmentOptionsFile.Parse(text, name, catalogInForce), ct);
        return new DatasetMetadata(catalogInForce, cities.Value ?? CityRegistry.Default, config.Value ?? AssessmentOptions.Default,
            $"{catalog.Hash ?? "default"}:{cities.Hash ?? "default"}:{config.Hash ?? "default"}");
    }

    /// <summary>
    /// Checks a newly uploaded metadata file on its own (a config against the catalog in force) and, when it is valid,
    /// keeps a copy of it as the dataset's last accepted one. Returns the number of entries it declares.
    /// </summary>
    /// <exception cref="DataFileException">The file is invalid; the copy accepted before stays in force.</exception>
    public async Task<int> AcceptAsync(string dataset, InputKind kind, byte[] content, CancellationToken ct)
    {
        var file = FileOf(kind);
        var name = $"{dataset}/{file}";
        var text = Decode(content);
        var entries = kind switch
        {
            InputKind.Catalog => Catalog.Parse(new StringReader(text), name).Count,
            InputKind.Cities => CityRegistry.Parse(new StringReader(text), name).Cities.Count,
            _ => ParseConfig(text, name, (await LoadAsync(dataset, ct)).Catalog),
        };
        await Accepted.CreateIfNotExistsAsync(cancellationToken: ct);
        await Accepted.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, ct);
        return entries;
    }

    /// <summary>The file was deleted from storage: its accepted copy goes too, so that the built-in one is in force.</summary>
    public async Task ForgetAcceptedAsync(string dataset, InputKind kind, CancellationToken ct) =>
        await Accepted.GetBlobClient($"{dataset}/{FileOf(kind)}").DeleteIfExistsAsync(cancellationToken: ct);

    /// <summary>Whether an earlier accepted copy of the file exists (and so stays in force while the upload is invalid).</summary>
    public async Task<bool> HasAcceptedAsync(string dataset, InputKind kind, CancellationToken ct) =>
        await Accepted.ExistsAsync(ct) && await Accepted.GetBlobClient($"{dataset}/{FileOf(kind)}").ExistsAsync(ct);

    private static int ParseConfig(string text, string name, Catalog catalog)
    {
        AssessmentOptionsFile.Parse(text, name, catalog);
        return 1;
    }

    private static string FileOf(InputKind kind) => kind switch
    {
        InputKind.Catalog => CatalogFile,
        InputKind.Cities => CitiesFile,
        InputKind.Config => ConfigFile,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a metadata file"),
    };

    /// <summary>
    /// The current blob if it parses, else the last accepted copy if that still parses (a config may no longer fit a
    /// replaced catalog); (null, null), meaning the built-in one, when neither does or the dataset has no such file.
    /// </summary>
    private async Task<(T? Value, string? Hash)> InForceAsync<T>(string dataset, string file, Func<string, string, T> parse, CancellationToken ct)
        where T : class
    {
        var name = $"{dataset}/{file}";
        var current = await ReadOptionalAsync(Uploaded.GetBlobClient(name), ct);
        if (current.Text is null) return (null, null);
        try
        {
            return (parse(current.Text, name), current.Hash);
        }
        catch (DataFileException)
        {
            // The upload is rejected by its own ingestion, which says so; here it simply does not count.
        }
        var accepted = await ReadOptionalAsync(Accepted.GetBlobClient(name), ct);
        if (accepted.Text is null) return (null, null);
        try
        {
            return (parse(accepted.Text, name), accepted.Hash);
        }
        catch (DataFileException)
        {
            return (null, null);
        }
    }

    private static string Decode(byte[] bytes) =>
        new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true).ReadToEnd();

    private static async Task<(string? Text, string? Hash)> ReadOptionalAsync(BlobClient blob, CancellationToken ct)
    {
        try
        {
            var bytes = (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
            return (Decode(bytes), ContentHash.Of(bytes)[..16]);
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
