using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Resilience.Testing;
using Xunit.Abstractions;

namespace Resilience.Integration.Tests;

/// <summary>
/// Files in the formats users bring (a workbook with a notes sheet, Parquet, GB18030 text with a decimal comma, TSV,
/// the long layout) dropped into a real Azurite and picked up by the local host's blob trigger; and the ingestion
/// report of a rejected file over HTTP.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class IngestionFormatsTests(LocalHostFixture host, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DemoYearsInOtherFormats_AreServedAsTheAllCsvReferenceValues()
    {
        const string dataset = "formats";
        var converted = new (string File, byte[] Content, string[] FormatMentions)[]
        {
            ("yearbook_extract.xlsx", IngestionFiles.Xlsx(DemoTable.Year(2010), 2010), ["Excel workbook"]),
            ("indicators_2011.parquet", await IngestionFiles.ParquetAsync(DemoTable.Year(2011)), ["Parquet", "2 row groups"]),
            ("indicators_2012_gbk.csv", IngestionFiles.Gb18030DecimalComma(DemoTable.Year(2012)), ["GB18030", "separator ';'", "decimal comma"]),
            ("indicators_2013.tsv", IngestionFiles.Tsv(DemoTable.Year(2013)), ["CSV text", "UTF-8", "separator tab"]),
            ("indicators_2014_long.csv", IngestionFiles.Long(DemoTable.Year(2014)), ["CSV text", "separator ','"]),
        };
        var csvYears = Enumerable.Range(2015, 5).Select(y => $"indicators_{y}.csv").ToArray();
        var clock = Stopwatch.StartNew();
        await host.UploadAsync(dataset, "cities.csv", File.ReadAllBytes(Fixtures.Method("demo", "cities.csv")));
        await host.UploadAsync(dataset, "catalog.csv", File.ReadAllBytes(Fixtures.Method("demo", "catalog.csv")));
        foreach (var (file, content, _) in converted) await host.UploadAsync(dataset, file, content);
        foreach (var file in csvYears) await host.UploadAsync(dataset, file, File.ReadAllBytes(Fixtures.Method("demo", file)));
        await host.UploadAsync(dataset, "emissions.csv", File.ReadAllBytes(Fixtures.Method("demo", "emissions.csv")), container: "emissions");

        await host.WaitForDatasetAsync(dataset, [.. converted.Select(c => c.File), .. csvYears, "cities.csv", "catalog.csv", "emissions.csv"]);
        output.WriteLine($"upload of {converted.Length + csvYears.Length + 3} files to served result: {clock.ElapsedMilliseconds} ms");

        // Every converted file accepted, 30 city-years each, with a report that says how it was read.
        var records = (await host.GetJsonAsync($"api/datasets/{dataset}/ingestions")).AsObject()["items"]!.AsArray();
        foreach (var (file, _, mentions) in converted)
        {
            var record = records.Single(r => (string)r!["blobName"]! == $"{dataset}/{file}")!;
            Assert.True((string)record["status"]! == "accepted", $"{file}: {record.ToJsonString()}");
            Assert.Equal(30, (int)record["rows"]!);
            var report = await host.GetJsonAsync(((string)record["report"]!).TrimStart('/'));
            var read = report["read"]!;
            output.WriteLine($"{file}: format '{read["format"]}', layout '{read["layout"]}', sheet '{read["sheet"]}', warnings {report["warningCount"]}");
            Assert.Equal(file, (string)report["file"]!);
            Assert.Equal("accepted", (string)report["status"]!);
            Assert.Equal(0, (int)report["errorCount"]!);
            Assert.Equal(30, (int)read["observations"]!);
            Assert.Equal(30, (int)read["citiesMatched"]!);
            Assert.Empty(read["unmatchedCities"]!.AsArray());
            foreach (var mention in mentions) Assert.Contains(mention, (string)read["format"]!);
        }
        var xlsx = await ReportAsync(dataset, records, "yearbook_extract.xlsx");
        Assert.Equal("2010年", (string)xlsx["read"]!["sheet"]!);
        Assert.Equal(["Notes"], xlsx["read"]!["ignoredSheets"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(3, (int)xlsx["read"]!["headerRow"]!); // below the title row and a blank row
        Assert.StartsWith("wide, one year (2010, from the sheet name)", (string)xlsx["read"]!["layout"]!);
        Assert.StartsWith("long", (string)(await ReportAsync(dataset, records, "indicators_2014_long.csv"))["read"]!["layout"]!);
        var gbk = await ReportAsync(dataset, records, "indicators_2012_gbk.csv");
        Assert.Contains(gbk["read"]!["columns"]!.AsArray(), c => (string)c!["header"]! == "人均地区生产总值" && (string)c["use"]! == "indicator gdp_per_capita");

        await ServedReference.AssertAsync(host, dataset, Fixtures.Method("demo", "expected.json"), "anshan");
    }

    [Fact]
    public async Task RejectedFile_HasAReportNamingTheCell_AsJsonAndCsv_AndStoredResultsStay()
    {
        const string dataset = "report-api";
        await host.UploadAsync(dataset, "indicators_2018.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2018.csv")));
        await host.UploadAsync(dataset, "indicators_2019.csv", File.ReadAllBytes(Fixtures.Method("demo", "indicators_2019.csv")));
        var version = (string)(await host.WaitForDatasetAsync(dataset, "indicators_2018.csv", "indicators_2019.csv"))["version"]!;
        var before = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full");
        var accepted = (await host.GetJsonAsync($"api/datasets/{dataset}/ingestions"))["items"]!.AsArray()
            .Single(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv")!;

        // A new 2019 file with a letter in a number in line 5 (data row 4), column tertiary_share.
        var table = DemoTable.Year(2019);
        var column = Array.IndexOf(table.Header, "tertiary_share");
        table.Rows[3][column] = "4O.5";
        var text = string.Join('\n', new[] { table.Header }.Concat(table.Rows).Select(r => string.Join(',', r))) + "\n";
        await host.UploadAsync(dataset, "indicators_2019.csv", Encoding.UTF8.GetBytes(text));

        var ingestions = await host.WaitForAsync($"api/datasets/{dataset}/ingestions", b => b["items"]!.AsArray()
            .Any(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv" && (string)r["status"]! == "rejected"), Patience);
        var record = ingestions["items"]!.AsArray().Single(r => (string)r!["blobName"]! == $"{dataset}/indicators_2019.csv")!;
        Assert.Equal(0, (int)record["rows"]!);
        Assert.Equal(1, (int)record["errorCount"]!);
        Assert.Equal((string)accepted["inUse"]!, (string)record["inUse"]!); // the previous content stays in use
        Assert.Equal($"/api/datasets/{dataset}/ingestions/{(string)record["fileKey"]!}/report", (string)record["report"]!);

        var report = await host.GetJsonAsync(((string)record["report"]!).TrimStart('/'));
        Assert.Equal(dataset, (string)report["dataset"]!);
        Assert.Equal("indicators_2019.csv", (string)report["file"]!);
        Assert.Equal("rejected", (string)report["status"]!);
        Assert.Equal(1, (int)report["errorCount"]!);
        Assert.Contains("CSV text", (string)report["read"]!["format"]!);
        Assert.Equal(30, (long)report["read"]!["dataRows"]!);
        var problem = report["items"]!.AsArray().Single(p => (string)p!["severity"]! == "error")!;
        Assert.Equal($"{dataset}/indicators_2019.csv", (string)problem["file"]!);
        Assert.Equal(5, (int)problem["row"]!);
        Assert.Equal("tertiary_share", (string)problem["column"]!);
        Assert.Equal("4O.5", (string)problem["value"]!);
        Assert.Equal("non-numeric", (string)problem["rule"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["message"]));

        var csvResponse = await host.Http.GetAsync(((string)record["report"]!).TrimStart('/') + "?format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine(string.Join('\n', csv));
        var header = IngestionFiles.CsvFields(csv[0].TrimEnd('\r'));
        var rows = csv.Skip(1).Select(l => IngestionFiles.CsvFields(l.TrimEnd('\r'))).ToList();
        string Field(string[] row, string name) => row[Array.IndexOf(header, name)];
        var csvProblem = rows.Single(r => Field(r, "severity") == "error");
        Assert.Equal(($"{dataset}/indicators_2019.csv", "5", "tertiary_share", "4O.5", "non-numeric"),
            (Field(csvProblem, "file"), Field(csvProblem, "row"), Field(csvProblem, "column"), Field(csvProblem, "value"), Field(csvProblem, "rule")));

        // The stored copies beside it: reports/{dataset}/{file}.report.json and .report.csv.
        var reports = host.Blobs.GetBlobContainerClient("reports");
        var storedCsv = (await reports.GetBlobClient($"{dataset}/indicators_2019.csv.report.csv").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("tertiary_share,4O.5,non-numeric", storedCsv);
        Assert.True(await reports.GetBlobClient($"{dataset}/indicators_2019.csv.report.json").ExistsAsync());

        await Task.Delay(3000); // give a (wrong) recomputation the time it would need
        var after = await host.GetJsonAsync($"api/datasets/{dataset}/scores?year=2019&detail=full");
        Assert.Equal(version, (string)after["version"]!);
        Assert.True(JsonNode.DeepEquals(before, after));
        Assert.Equal(version, (string)(await host.GetJsonAsync($"api/datasets/{dataset}"))["version"]!);
    }

    private async Task<JsonNode> ReportAsync(string dataset, JsonArray records, string file) =>
        await host.GetJsonAsync(((string)records.Single(r => (string)r!["blobName"]! == $"{dataset}/{file}")!["report"]!).TrimStart('/'));
}
