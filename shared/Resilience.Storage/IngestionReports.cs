using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Resilience.Method.Ingestion;

namespace Resilience.Storage;

/// <summary>
/// The report of one ingestion: how the file was read (format, sheet, header row, layout, what each column is used for,
/// cities matched and unmatched with their closest candidates) and every problem kept. Written for every file as JSON
/// and as a CSV of the problems under <c>reports/{dataset}/{file}.json|.csv</c>.
/// </summary>
public sealed record IngestionReport
{
    public required string Dataset { get; init; }
    public required string File { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset IngestedAt { get; init; }
    public string? ContentHash { get; init; }
    public long Bytes { get; init; }
    public int ErrorCount { get; init; }
    public int WarningCount { get; init; }
    public ReadSummary Read { get; init; } = new();
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>Problems as a table a person can open in a spreadsheet: one row each, UTF-8 with BOM.</summary>
    public string ProblemsCsv()
    {
        var csv = new StringBuilder("\uFEFFseverity,file,sheet,row,column,value,rule,message\n");
        foreach (var p in Problems)
            csv.AppendJoin(',', new[] { p.Severity.ToString().ToLowerInvariant(), p.File, p.Sheet ?? "", p.Row.ToString(CultureInfo.InvariantCulture),
                p.Column ?? "", p.Value ?? "", p.Rule, p.Message }.Select(Resilience.Method.Tables.CsvField.Escape)).Append('\n');
        return csv.ToString();
    }
}

public sealed class IngestionReportStore(BlobServiceClient blobs, StorageOptions options)
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(options.ReportsContainer);

    /// <summary>Blob name of a file's JSON report; the CSV sits beside it.</summary>
    public static string JsonName(string dataset, string fileName) => $"{dataset}/{fileName}.report.json";

    public static string CsvName(string dataset, string fileName) => $"{dataset}/{fileName}.report.csv";

    public async Task<string> WriteAsync(IngestionReport report, CancellationToken ct)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: ct);
        var json = JsonName(report.Dataset, report.File);
        await Upload(json, JsonSerializer.SerializeToUtf8Bytes(report, JsonDefaults.Web), "application/json", ct);
        await Upload(CsvName(report.Dataset, report.File), Encoding.UTF8.GetBytes(report.ProblemsCsv()), "text/csv; charset=utf-8", ct);
        return json;
    }

    /// <summary>A stored report (its blob name, as the ingestion record gives it), or null.</summary>
    public async Task<byte[]?> ReadAsync(string dataset, string reportBlob, CancellationToken ct)
    {
        if (!reportBlob.StartsWith(dataset + "/", StringComparison.Ordinal)) return null;
        var blob = Container.GetBlobClient(reportBlob);
        try
        {
            return (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private Task Upload(string name, byte[] content, string contentType, CancellationToken ct) =>
        Container.GetBlobClient(name).UploadAsync(new BinaryData(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
}
