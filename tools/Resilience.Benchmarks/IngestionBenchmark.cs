using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Benchmarks;

/// <summary>
/// The --ingestion mode: how fast one thread parses the wide indicator file, as CSV and as Parquet, with DuckDB as the
/// yardstick and with our own reader; the peak memory of our reader on a ~1 GiB CSV; then how fast entities are written to Table storage (Azurite). See README.md.
/// </summary>
internal static class IngestionBenchmark
{
    public static async Task RunAsync(BenchmarkSettings settings, Report report)
    {
        var temporary = settings.IngestionDirectory is null ? Directory.CreateTempSubdirectory("resilience-ingestion-") : null;
        var folder = settings.IngestionDirectory ?? temporary!.FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var wrote = await IngestionFiles.EnsureAsync(folder);
            var csv = Path.Combine(folder, IngestionFiles.CsvName);
            var parquet = Path.Combine(folder, IngestionFiles.ParquetName);
            report.Line($"files: {IngestionFiles.Rows:N0} rows × {IngestionFiles.Indicators} indicators ({IngestionFiles.Cities:N0} cities × " +
                $"{IngestionFiles.Years} years, {IngestionFiles.MissingShare:P0} empty) in {folder}, " +
                $"{(wrote ? $"written in {clock.Elapsed.TotalSeconds:F1} s" : "reused")}: " +
                $"CSV {new FileInfo(csv).Length / 1e6:F1} MB, Parquet {new FileInfo(parquet).Length / 1e6:F1} MB");
            report.Line($"peak working set after preparing the files: {PeakWorkingSet()}");

            // One thread: DuckDB is told so, and the whole process is pinned to one core while it and our reader run.
            var ours = new OurReader(IngestionFiles.Cities, IngestionFiles.CityId);
            using (OneCore.Pin())
            {
                var fromParquet = Compare(report, "Parquet", "seekable FileStream", parquet, $"read_parquet('{Quote(parquet)}')", ours, forwardOnly: false);
                var fromCsv = Compare(report, "CSV", "forward-only stream", csv, $"read_csv('{Quote(csv)}', header=true, delim=',', auto_detect=true)",
                    ours, forwardOnly: true);
                var agree = fromCsv.Rows == IngestionFiles.Rows && fromParquet.Rows == IngestionFiles.Rows &&
                    fromCsv.Sums.Zip(fromParquet.Sums).All(s => Math.Abs(s.First - s.Second) <= 1e-12 * Math.Abs(s.First));
                report.Line($"DuckDB: CSV and Parquet give {fromCsv.Rows:N0} and {fromParquet.Rows:N0} rows, the 50 column sums " +
                    $"{(agree ? "agree" : "DISAGREE")}");
                if (!agree) Environment.ExitCode = 1;
            }
            report.Line($"peak working set after parsing: {PeakWorkingSet()}");
            MemoryOfLargeCsv(report, settings, folder);
        }
        finally
        {
            temporary?.Delete(recursive: true);
        }

        if (settings.Azurite is null)
            report.Line("table writes: skipped (give an Azurite connection string with --azurite \"...\")");
        else
            foreach (var inFlight in (int[])[4, 8])
                report.Line(await TableWrites.RunAsync(settings.Azurite, inFlight));
        report.Line($"peak working set of this process: {PeakWorkingSet()}");
    }

    // ---- DuckDB beside our reader -------------------------------------------------------------------------------------

    /// <summary>DuckDB's sums and median, our median (NaN when our reader did not read the file as expected).</summary>
    private sealed record Comparison(long Rows, double[] Sums, double DuckDbMedian, double OurMedian);

    /// <summary>
    /// DuckDB and our reader on one file, timed alike: one warm-up each (ours also checks rows, errors and the 50 column
    /// sums against DuckDB's), then three rounds of one DuckDB run and one run of ours (which only counts rows, as the
    /// pipeline streams them), interleaved so that both see the same load on a shared machine; medians of wall and CPU
    /// time, throughputs and the ratio ours / DuckDB.
    /// </summary>
    private static Comparison Compare(Report report, string format, string how, string path, string duckDbSource, OurReader ours, bool forwardOnly)
    {
        using var duckDb = new DuckDbQuery(duckDbSource);
        var expected = duckDb.Run();
        var check = ours.Read(path, forwardOnly, sums: true);
        var sumsAgree = check.Sums.Zip(expected.Sums).All(s => Math.Abs(s.First - s.Second) <= 1e-9 * Math.Abs(s.Second));
        var ok = check.Rows == IngestionFiles.Rows && check.Errors == 0 && sumsAgree;
        report.Line($"our reader, {format} ({how}): {check.Rows:N0} rows (expected {IngestionFiles.Rows:N0}), {check.Cells:N0} cells " +
            $"({check.Values:N0} values, {check.Cells - check.Values - 2 * check.Rows:N0} empty), {check.Errors} errors, {check.Warnings} warnings " +
            $"({check.Format}); the 50 column sums {(sumsAgree ? "agree with DuckDB's" : "DISAGREE with DuckDB's")}");
        if (!ok)
        {
            Environment.ExitCode = 1;
            foreach (var problem in check.Problems.OrderByDescending(p => p.Severity).Take(5)) report.Line($"  {problem}");
        }

        var duckDbRuns = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        var ourRuns = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        for (var i = 0; i < 3; i++)
        {
            duckDbRuns.Add(Timed(duckDb.Run));
            if (ok) ourRuns.Add(Timed(() => ours.Read(path, forwardOnly, sums: false).Rows));
        }
        var bytes = new FileInfo(path).Length;
        report.Line(Throughput($"DuckDB, {format}, 1 thread", duckDbRuns, expected.Rows, bytes));
        if (!ok)
        {
            report.Line($"our reader, {format}: not timed; ratio ours / DuckDB: n/a (the file was not read as expected)");
            return new Comparison(expected.Rows, expected.Sums, Median(duckDbRuns.Select(r => r.Wall)), double.NaN);
        }
        report.Line(Throughput($"our reader, {format}, 1 thread", ourRuns, check.Rows, bytes));
        var (duckDbWall, ourWall) = (Median(duckDbRuns.Select(r => r.Wall)), Median(ourRuns.Select(r => r.Wall)));
        var (duckDbCpu, ourCpu) = (Median(duckDbRuns.Select(r => r.Cpu)), Median(ourRuns.Select(r => r.Cpu)));
        report.Line($"ratio ours / DuckDB ({format}, throughput): {duckDbWall / ourWall:F2} on wall time, {duckDbCpu / ourCpu:F2} on CPU time; " +
            $"target >= 0.5: {(duckDbWall / ourWall >= 0.5 ? "met" : "MISSED")}");
        return new Comparison(expected.Rows, expected.Sums, duckDbWall, ourWall);
    }

    /// <summary>One run after a full collection: wall time and the CPU time of the process.</summary>
    private static (TimeSpan Wall, TimeSpan Cpu) Timed<T>(Func<T> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(run());
        var wall = clock.Elapsed;
        process.Refresh();
        return (wall, process.TotalProcessorTime - cpu);
    }

    private static double Median(IEnumerable<TimeSpan> runs)
    {
        var sorted = runs.Order().ToList();
        return sorted[sorted.Count / 2].TotalSeconds;
    }

    private static string Throughput(string label, List<(TimeSpan Wall, TimeSpan Cpu)> runs, long rows, long bytes)
    {
        var median = Median(runs.Select(r => r.Wall));
        return $"{label}: median {median:F2} s (runs {string.Join(", ", runs.Select(r => r.Wall.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))} s; " +
            $"CPU median {Median(runs.Select(r => r.Cpu)):F2} s), {rows / median:N0} rows/s, {bytes / 1e6 / median:F1} MB/s";
    }

    /// <summary>
    /// A query over the source that makes DuckDB parse every cell (all 52 columns aggregated), on a connection told to use
    /// one thread.
    /// </summary>
    private sealed class DuckDbQuery : IDisposable
    {
        private readonly DuckDBConnection _connection = new("DataSource=:memory:");
        private readonly DuckDBCommand _query;

        public DuckDbQuery(string source)
        {
            _connection.Open();
            using (var threads = _connection.CreateCommand())
            {
                threads.CommandText = "SET threads TO 1;";
                threads.ExecuteNonQuery();
            }
            _query = _connection.CreateCommand();
            _query.CommandText = $"SELECT count(*), count(city_id), sum(year), " +
                $"{string.Join(", ", IngestionFiles.IndicatorNames.Select(n => $"sum({n})"))} FROM {source}";
        }

        public (long Rows, double[] Sums) Run()
        {
            using var reader = _query.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), [.. Enumerable.Range(3, IngestionFiles.Indicators).Select(reader.GetDouble)]);
        }

        public void Dispose()
        {
            _query.Dispose();
            _connection.Dispose();
        }
    }

    // ---- Memory ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Peak working set of a fresh process that reads a ~1 GiB wide CSV through our reader, the rows discarded as they come.
    /// The file is streamed to disk (never held in memory) and deleted afterwards unless --ingestion-dir keeps it.
    /// </summary>
    private static void MemoryOfLargeCsv(Report report, BenchmarkSettings settings, string folder)
    {
        var path = Path.Combine(folder, LargeCsvName);
        try
        {
            var clock = Stopwatch.StartNew();
            var wrote = IngestionFiles.EnsureLargeCsv(path, LargeCities, LargeYears, LargeFirstYear);
            report.Line($"large CSV: {(long)LargeCities * LargeYears:N0} rows ({LargeCities:N0} cities × {LargeYears} years " +
                $"{LargeFirstYear}–{LargeFirstYear + LargeYears - 1}) × {IngestionFiles.Indicators} indicators, " +
                $"{new FileInfo(path).Length / (double)(1 << 30):F2} GiB, {(wrote ? $"streamed to disk in {clock.Elapsed.TotalSeconds:F1} s" : "reused")}");
            var self = Path.Combine(AppContext.BaseDirectory, "Resilience.Benchmarks.dll");
            var run = ExternalRun.Start("dotnet", [self, "--memory-probe", "ingest", "--probe-file", path, "--cities", $"{LargeCities}"]);
            var fields = run.Output.Trim().Split(' ');
            if (run.ExitCode != 0 || fields.Length < 7)
            {
                report.Line($"large CSV memory probe failed (exit {run.ExitCode}): {run.Output} {run.Error}");
                Environment.ExitCode = 1;
                return;
            }
            var (peak, baseline, rows, errors, seconds, allocated, gcs) = (long.Parse(fields[0], CultureInfo.InvariantCulture),
                long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture),
                int.Parse(fields[3], CultureInfo.InvariantCulture), double.Parse(fields[4], CultureInfo.InvariantCulture),
                long.Parse(fields[5], CultureInfo.InvariantCulture), fields[6]);
            var expected = (long)LargeCities * LargeYears;
            report.Line($"memory: peak working set of a fresh process reading the {new FileInfo(path).Length / (double)(1 << 30):F2} GiB CSV " +
                $"through our reader (forward-only stream, rows discarded): {peak / 1e6:F0} MB (before reading, with the catalog and " +
                $"registry: {baseline / 1e6:F0} MB); {rows:N0} rows{(rows == expected ? "" : $" (EXPECTED {expected:N0})")}, {errors} errors, " +
                $"{seconds:F1} s ({new FileInfo(path).Length / 1e6 / seconds:F0} MB/s, all cores), {allocated / 1e9:F1} GB allocated, GCs gen0/1/2 {gcs}; " +
                $"target < 300 MB: {(peak < 300e6 ? "met" : "MISSED")}");
            if (rows != expected || errors != 0) Environment.ExitCode = 1;
        }
        finally
        {
            if (settings.IngestionDirectory is null && File.Exists(path)) File.Delete(path);
        }
    }

    private const string LargeCsvName = "indicators-large.csv";
    private const int LargeCities = 12_500, LargeYears = 200, LargeFirstYear = 1901;

    /// <summary>
    /// The child process of <see cref="MemoryOfLargeCsv"/>: reads the file, discards the rows, and prints its peak working
    /// set, the working set before reading, rows, errors, seconds, bytes allocated and the GC counts.
    /// </summary>
    public static string MemoryProbe(BenchmarkSettings settings)
    {
        var ours = new OurReader(settings.Cities, IngestionFiles.CityId);
        var baseline = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        var result = ours.Read(settings.ProbeFile ?? throw new ArgumentException("--probe-file is missing"), forwardOnly: true, sums: false);
        var seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        return string.Join(' ', process.PeakWorkingSet64, baseline, result.Rows, result.Errors, seconds.ToString("R", CultureInfo.InvariantCulture),
            GC.GetTotalAllocatedBytes(), $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
    }

    // --------------------------------------------------------------------------------------------------------------------

    internal static double Median(TimeSpan[] runs) => Median(runs.AsEnumerable());

    private static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    private static string PeakWorkingSet() => $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB";
}

/// <summary>
/// Our reader (<see cref="IndicatorFileReader"/>) set up for the wide files: a catalog of the 50 indicators ind01..ind50 in
/// four dimensions and a registry of the cities c000001.. so that every city matches. Rows are streamed to
/// <see cref="ReadOptions.OnRow"/> and dropped, as the pipeline ingests them.
/// </summary>
internal sealed class OurReader(int cities, Func<int, string> cityId)
{
    public Catalog Catalog { get; } = new([.. IngestionFiles.IndicatorNames.Select((id, j) => new Indicator(id, $"dimension{j % 4 + 1}", Direction.Benefit))]);

    public CityRegistry Cities { get; } = new([.. Enumerable.Range(1, cities).Select(i => new CityInfo(cityId(i), "east"))]);

    /// <summary>
    /// Reads the file: CSV through a forward-only stream (as blobs are read), Parquet from the seekable FileStream.
    /// With <paramref name="sums"/>, also the column sums of the values; else only rows are counted.
    /// </summary>
    public Outcome Read(string path, bool forwardOnly, bool sums)
    {
        long rows = 0, values = 0;
        var totals = new double[Catalog.Count];
        Action<ObservationRow> onRow = sums
            ? row =>
            {
                rows++;
                var v = row.Values;
                for (var j = 0; j < v.Length; j++)
                    if (v[j] is { } x)
                    {
                        values++;
                        totals[j] += x;
                    }
            }
            : _ => rows++;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using Stream content = forwardOnly ? new ForwardOnlyStream(file) : file;
        var result = IndicatorFileReader.Read(content, Path.GetFileName(path), Catalog, Cities, new ReadOptions { OnRow = onRow });
        return new Outcome(rows, rows * (2 + Catalog.Count), values, result.ErrorCount, result.WarningCount, totals, result.Problems, result.Summary.Format);
    }

    public sealed record Outcome(long Rows, long Cells, long Values, int Errors, int Warnings, double[] Sums, IReadOnlyList<Problem> Problems, string Format);
}

/// <summary>A stream that can only be read forward, like a blob download stream: seeking and Length are not supported.</summary>
internal sealed class ForwardOnlyStream(Stream inner) : Stream
{
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => inner.Read(buffer);
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
