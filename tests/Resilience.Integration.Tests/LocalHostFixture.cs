using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Resilience.Testing;

namespace Resilience.Integration.Tests;

/// <summary>Azurite plus the local host started as its own process, with the settings a user gives it.</summary>
public sealed class LocalHostFixture : IDisposable
{
    public const string MasterKey = "test-master-key";
    public const string AllowedOrigin = "https://dashboard.example";
    private readonly StringBuilder _output = new();
    private readonly StreamWriter _log;
    private bool _logClosed;
    private Process _host;

    public LocalHostFixture()
    {
        Azurite = new AzuriteFixture();
        var port = AzuriteFixture.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        // The whole log also goes to a file beside the test assembly, for diagnosis after a failure.
        LogPath = Path.Combine(AppContext.BaseDirectory, $"localhost-{port}.log");
        _log = new StreamWriter(LogPath) { AutoFlush = true };
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _host = StartHost();
        WaitUntilListening();
        Blobs = new BlobServiceClient(Azurite.ConnectionString);
        Tables = new TableServiceClient(Azurite.ConnectionString);
    }

    private Process StartHost()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!); // bin/<Configuration>/net10.0
        var dll = Path.Combine(Fixtures.RepoRoot, "functions", "ResilienceFunctions.LocalHost", "bin", configuration, "net10.0",
            "ResilienceFunctions.LocalHost.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"The local host is not built at {dll}.");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" run")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["AzureWebJobsStorage"] = Azurite.ConnectionString;
        start.Environment["LocalHost__Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Keys__MasterKey"] = MasterKey;
        start.Environment["Cors__AllowedOrigins__0"] = AllowedOrigin;
        var host = Process.Start(start)!;
        host.OutputDataReceived += (_, e) => Append(e.Data);
        host.ErrorDataReceived += (_, e) => Append(e.Data);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        return host;
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
            if (!_logClosed) _log.WriteLine(line);
        }
    }

    /// <summary>
    /// Kills the host process and its children at once, as a crash or a scale-in would: no shutdown, no lease
    /// released. Only for a fixture of one's own (the shared one serves other test classes).
    /// </summary>
    public void KillHost()
    {
        _host.Kill(entireProcessTree: true);
        _host.WaitForExit();
        Append("---- host process killed by the test ----");
    }

    /// <summary>Starts the host again on the same address and storage, after <see cref="KillHost"/>.</summary>
    public void RestartHost()
    {
        if (!_host.HasExited) throw new InvalidOperationException("The host is still running.");
        _host.Dispose();
        Append("---- host process started again by the test ----");
        _host = StartHost();
        WaitUntilListening();
    }

    public AzuriteFixture Azurite { get; }
    public string LogPath { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public BlobServiceClient Blobs { get; }
    public TableServiceClient Tables { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task UploadAsync(string dataset, string fileName, byte[] content, string container = "indicators")
    {
        var client = Blobs.GetBlobContainerClient(container);
        await client.CreateIfNotExistsAsync();
        await client.GetBlobClient($"{dataset}/{fileName}").UploadAsync(new BinaryData(content), overwrite: true);
    }


    /// <summary>Polls a GET until the predicate holds; returns the JSON body. Fails with the host's log after the timeout.</summary>
    public async Task<JsonNode> WaitForAsync(string path, Func<JsonNode, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.GetAsync(path);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is { } body && done(body))
                return body;
            await Task.Delay(250);
        }
        throw new TimeoutException($"GET {path} did not reach the expected state in {timeout.TotalSeconds} s. Last: {last[..Math.Min(last.Length, 500)]}\nHost log: {LogPath}; tail:\n{Tail(Output)}");
    }

    /// <summary>
    /// Waits until every named file of the dataset has its ingestion record and the current version covers every
    /// change, then returns the dataset resource. (Counting inputs alone can stop too early: a catalog arriving
    /// last re-reads the data files and leads to one more version.)
    /// </summary>
    public async Task<JsonNode> WaitForDatasetAsync(string dataset, params string[] fileNames)
    {
        var patience = TimeSpan.FromSeconds(60);
        await WaitForAsync($"api/datasets/{dataset}/ingestions?limit=10000", body =>
        {
            var seen = body["items"]!.AsArray().Select(i => (string)i!["blobName"]!).ToHashSet();
            return fileNames.All(f => seen.Contains($"{dataset}/{f}"));
        }, patience);
        await WaitForAsync("api/datasets", body => body["items"]!.AsArray().Any(d => (string)d!["dataset"]! == dataset && (bool)d["upToDate"]!), patience);
        return await GetJsonAsync($"api/datasets/{dataset}");
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_host.HasExited) throw new InvalidOperationException("The local host exited:\n" + Output);
            try
            {
                if (Http.GetAsync("healthz").Result.IsSuccessStatusCode) return;
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException("The local host did not answer within 60 s:\n" + Output);
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    public void Dispose()
    {
        if (!_host.HasExited) _host.Kill(entireProcessTree: true);
        _host.WaitForExit(5000);
        _host.Dispose();
        Http.Dispose();
        Azurite.Dispose();
        lock (_output)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host on Azurite";
}
