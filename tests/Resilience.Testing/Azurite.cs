using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Resilience.Testing;

/// <summary>
/// A real Azurite for storage tests: the one named by AzureWebJobsStorage if set, otherwise one started here
/// (in memory, on free ports) from the copy that scripts/test.sh installs.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process? _process;

    public AzuriteFixture()
    {
        var existing = Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (!string.IsNullOrEmpty(existing))
        {
            ConnectionString = existing;
            return;
        }
        var azurite = Path.Combine(Fixtures.RepoRoot, "scripts", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run the tests with scripts/test.sh, which installs it.");
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        _process = Process.Start(new ProcessStartInfo(azurite,
            $"--silent --inMemoryPersistence --skipApiVersionCheck --loose --blobHost 127.0.0.1 --blobPort {blob} " +
            $"--queueHost 127.0.0.1 --queuePort {queue} --tableHost 127.0.0.1 --tablePort {table}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        foreach (var port in new[] { blob, queue, table }) WaitForPort(port, _process);
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key +
            $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1" +
            $";TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("Azurite exited: " + process.StandardError.ReadToEnd());
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"Azurite did not listen on port {port} within 30 s.");
    }

    public void Dispose()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
    }
}
