using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Resilience.Method.Catalogs;
using Resilience.Method.Emissions;
using Resilience.Method.Ingestion;
using Resilience.Testing;

namespace Resilience.Method.Tests;

/// <summary>
/// The ingestion corpus (tests/Fixtures/ingestion-corpus): small odd and bad files modelled on real third-party data,
/// each read by <see cref="IndicatorFileReader"/> or <see cref="EmissionsFileReader"/> and compared with the outcome
/// corpus.json expects (accepted with these rows, values and warnings, or rejected with this first error).
/// One test case per file; every mismatch of a file is listed, not only the first.
/// </summary>
public class IngestionCorpusTests
{
    private const double Tolerance = 1e-9;

    private static string CorpusPath(params string[] parts) =>
        Path.Combine([Fixtures.RepoRoot, "tests", "Fixtures", "ingestion-corpus", .. parts]);

    private static readonly Lazy<Corpus> Manifest = new(() =>
        JsonSerializer.Deserialize<Corpus>(File.ReadAllText(CorpusPath("corpus.json")), JsonOptions)
        ?? throw new InvalidOperationException("corpus.json is empty"));

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Manifest.Value.Files) data.Add(entry.File);
        return data;
    }

    [Fact]
    public void IngestionCorpus_ManifestListsEveryFile()
    {
        var listed = Manifest.Value.Files.Select(f => f.File).ToList();
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.True(listed.Count >= 45, $"the corpus has {listed.Count} files, fewer than 45");
        var generator = new[] { "corpus.json", "generate.py", "generate_parquet.cs", "Directory.Build.props" };
        var onDisk = Directory.GetFiles(CorpusPath()).Select(Path.GetFileName).Where(n => !generator.Contains(n)).Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, listed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void IngestionCorpus_File_ReadsAsExpected(string file)
    {
        var entry = Manifest.Value.Files.Single(f => f.File == file);
        var expect = entry.Expect;
        var failures = new List<string>();

        Outcome outcome, forwardOnly;
        var clock = Stopwatch.StartNew();
        try
        {
            outcome = Read(entry, seekable: true);
            clock.Stop();
            forwardOnly = Read(entry, seekable: false);
        }
        catch (Exception e)
        {
            Assert.Fail($"{file}: Read threw instead of reporting a problem: {e}");
            return;
        }

        // A blob download arrives as a forward-only stream: the outcome must not depend on it.
        if (forwardOnly.Describe() != outcome.Describe())
            failures.Add($"read from a forward-only stream, the outcome differs:\n{forwardOnly.Describe()}\ninstead of\n{outcome.Describe()}");

        if (expect.MaxSeconds is { } maxSeconds && clock.Elapsed.TotalSeconds > maxSeconds)
            failures.Add($"reading took {clock.Elapsed.TotalSeconds:F1} s, more than {maxSeconds} s");

        // Every problem names the file; in a workbook, the sheet of every cell it points at.
        foreach (var problem in outcome.Problems.Where(p => p.File != file))
            failures.Add($"problem names file '{problem.File}', not '{file}': {problem}");
        if (outcome.Summary.Sheet is { } sheetRead)
            foreach (var problem in outcome.Problems.Where(p => p.Column is not null && p.Sheet != sheetRead))
                failures.Add($"problem in a cell of sheet '{sheetRead}' names sheet '{problem.Sheet}': {problem}");

        if (expect.Accepted)
            CheckAccepted(expect, outcome, failures);
        else
            CheckRejected(expect, outcome, failures);

        if (failures.Count > 0)
            Assert.Fail($"{file} ({entry.Quirk}):\n  - {string.Join("\n  - ", failures)}\nproblems reported:\n  {string.Join("\n  ", outcome.Problems)}");
    }

    private static void CheckAccepted(Expectation expect, Outcome outcome, List<string> failures)
    {
        if (outcome.ErrorCount > 0)
        {
            failures.Add($"expected the file accepted, it was rejected: {outcome.Problems.First(p => p.Severity == Severity.Error)}");
            return;
        }
        if (expect.Rows is { } rows && outcome.Rows.Count != rows)
            failures.Add($"expected {rows} observation rows, got {outcome.Rows.Count}");
        if (expect.Sheet is { } sheet && outcome.Summary.Sheet != sheet)
            failures.Add($"expected sheet '{sheet}' to be read, got '{outcome.Summary.Sheet}'");

        foreach (var value in expect.Values ?? [])
        {
            var matches = outcome.Rows.Where(r => r.City == value.City && r.Year == value.Year).ToList();
            var cell = $"{value.City} {value.Year} {value.Indicator}";
            if (matches.Count == 0)
            {
                failures.Add($"{cell}: no row for {value.City} {value.Year} (rows: {Preview(outcome.Rows)})");
                continue;
            }
            if (matches.Count > 1) failures.Add($"{value.City} {value.Year}: {matches.Count} rows");
            if (!matches[0].Values.TryGetValue(value.Indicator, out var actual))
            {
                failures.Add($"{cell}: the catalog has no indicator '{value.Indicator}'");
                continue;
            }
            if (value.Value is null && actual is not null)
                failures.Add($"{cell}: expected missing, got {Format(actual)}");
            else if (value.Value is { } wanted && (actual is not { } got || Math.Abs(got - wanted) > Tolerance * Math.Max(1, Math.Abs(wanted))))
                failures.Add($"{cell}: expected {Format(wanted)}, got {Format(actual)}");
        }

        var warningRules = outcome.Problems.Where(p => p.Severity == Severity.Warning).Select(p => p.Rule).Distinct().Order(StringComparer.Ordinal).ToList();
        if (expect.Warnings is { } warnings)
        {
            var wanted = warnings.Distinct().Order(StringComparer.Ordinal).ToList();
            if (!wanted.SequenceEqual(warningRules))
                failures.Add($"expected warning rules [{string.Join(", ", wanted)}], got [{string.Join(", ", warningRules)}]");
        }
        foreach (var rule in (expect.WarningsInclude ?? []).Where(r => !warningRules.Contains(r)))
            failures.Add($"expected a '{rule}' warning, got [{string.Join(", ", warningRules)}]");
        foreach (var detail in expect.WarningDetails ?? [])
        {
            if (!outcome.Problems.Any(p => p.Severity == Severity.Warning && detail.Matches(p)))
                failures.Add($"expected the warning {detail}");
        }
        foreach (var unmatched in expect.Unmatched ?? [])
        {
            var reported = outcome.Summary.UnmatchedCities.FirstOrDefault(u => u.Name == unmatched.Name);
            if (reported is null)
                failures.Add($"expected '{unmatched.Name}' among the unmatched cities, got [{string.Join(", ", outcome.Summary.UnmatchedCities.Select(u => u.Name))}]");
            else if (unmatched.Candidate is { } candidate && !reported.Candidates.Any(c => c.Split(' ')[0] == candidate))
                failures.Add($"expected '{candidate}' among the candidates for '{unmatched.Name}', got [{string.Join(", ", reported.Candidates)}]");
        }
    }

    private static void CheckRejected(Expectation expect, Outcome outcome, List<string> failures)
    {
        var error = outcome.Problems.FirstOrDefault(p => p.Severity == Severity.Error);
        if (outcome.ErrorCount == 0 || error is null)
        {
            failures.Add($"expected the file rejected ({expect.Error?.Rule}), it was accepted with {outcome.Rows.Count} rows");
            return;
        }
        if (outcome.Rows.Count > 0) failures.Add($"a rejected file handed out {outcome.Rows.Count} rows");
        if (expect.Error is { } wanted && !wanted.Matches(error))
            failures.Add($"expected the first error {wanted}, got {error}");
    }

    private static string Preview(IReadOnlyList<ObservedRow> rows) =>
        string.Join(", ", rows.Take(12).Select(r => $"{r.City} {r.Year}")) + (rows.Count > 12 ? ", ..." : "");

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "missing";

    // ------------------------------------------------------------------------------------------------------------
    // Reading a corpus file with the reader and the catalog and cities its entry names.

    private static Outcome Read(CorpusFile entry, bool seekable)
    {
        var cities = Registry(entry.Cities);
        using var file = File.OpenRead(CorpusPath(entry.File));
        using Stream stream = seekable ? file : new ForwardOnlyStream(file);
        switch (entry.Reader)
        {
            case "indicators":
            {
                var catalog = CatalogOf(entry.Catalog);
                var result = IndicatorFileReader.Read(stream, entry.File, catalog, cities);
                var rows = result.Rows.Select(r => new ObservedRow(r.CityId, r.Year,
                    catalog.Indicators.Select((indicator, i) => (indicator.Id, r.Values[i])).ToDictionary(x => x.Id, x => x.Item2))).ToList();
                return new Outcome(result.ErrorCount, result.Problems, rows, result.Summary);
            }
            case "emissions":
            {
                var result = EmissionsFileReader.Read(stream, entry.File, cities, entry.Unit);
                var rows = result.Rows.Select(r => new ObservedRow(r.CityId, r.Year, new Dictionary<string, double?> { ["co2"] = r.Co2 })).ToList();
                return new Outcome(result.ErrorCount, result.Problems, rows, result.Summary);
            }
            default:
                throw new InvalidOperationException($"corpus.json: unknown reader '{entry.Reader}' for {entry.File}");
        }
    }

    private static Catalog CatalogOf(string? name)
    {
        if (name is null or "default") return Catalog.Default;
        var indicators = Manifest.Value.Catalogs?.GetValueOrDefault(name) ?? throw new InvalidOperationException($"corpus.json: no catalog '{name}'");
        return new Catalog(indicators.Select(i => new Indicator(i.Id, i.Dimension, i.Direction == "-" ? Direction.Cost : Direction.Benefit,
            i.NameEn, i.NameZh, i.Unit, i.Min, i.Max, i.Aliases)).ToList());
    }

    private static CityRegistry Registry(string? name)
    {
        if (name is null or "default") return CityRegistry.Default;
        var cities = Manifest.Value.Registries?.GetValueOrDefault(name) ?? throw new InvalidOperationException($"corpus.json: no registry '{name}'");
        return new CityRegistry(cities.Select(c => new CityInfo(c.Id, c.Region, c.NameEn, c.NameZh, ProvinceZh: c.ProvinceZh, Code: c.Code)).ToList());
    }

    private sealed record ObservedRow(string City, int Year, Dictionary<string, double?> Values);

    private sealed record Outcome(int ErrorCount, IReadOnlyList<Problem> Problems, IReadOnlyList<ObservedRow> Rows, ReadSummary Summary)
    {
        /// <summary>Everything a reader hands out, as text to compare two reads.</summary>
        public string Describe() =>
            $"{ErrorCount} error(s); sheet {Summary.Sheet}; {Rows.Count} row(s)\n" +
            string.Concat(Rows.Select(r => $"  {r.City} {r.Year}: {string.Join(", ", r.Values.Select(v => $"{v.Key}={Format(v.Value)}"))}\n")) +
            string.Concat(Problems.Select(p => $"  {p}\n"));
    }

    /// <summary>A stream that can only be read forwards, like a blob download.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // ------------------------------------------------------------------------------------------------------------
    // corpus.json

    private sealed class Corpus
    {
        public Dictionary<string, List<CatalogIndicator>>? Catalogs { get; init; }
        public Dictionary<string, List<RegistryCity>>? Registries { get; init; }
        public List<CorpusFile> Files { get; init; } = [];
    }

    private sealed class CorpusFile
    {
        public string File { get; init; } = "";
        public string Quirk { get; init; } = "";
        public string? Origin { get; init; }
        public string Reader { get; init; } = "indicators";
        public string? Catalog { get; init; }
        public string? Cities { get; init; }
        public string? Unit { get; init; }
        public Expectation Expect { get; init; } = new();
    }

    private sealed class Expectation
    {
        public bool Accepted { get; init; }
        public int? Rows { get; init; }
        public List<ExpectedValue>? Values { get; init; }
        public List<string>? Warnings { get; init; }
        public List<string>? WarningsInclude { get; init; }
        public List<ExpectedProblem>? WarningDetails { get; init; }
        public List<ExpectedUnmatched>? Unmatched { get; init; }
        public string? Sheet { get; init; }
        public double? MaxSeconds { get; init; }
        public ExpectedProblem? Error { get; init; }
    }

    private sealed class ExpectedValue
    {
        public string City { get; init; } = "";
        public int Year { get; init; }
        public string Indicator { get; init; } = "";
        public double? Value { get; init; }
    }

    private sealed class ExpectedProblem
    {
        public string Rule { get; init; } = "";
        public long? Row { get; init; }
        public string? Column { get; init; }
        public string? Value { get; init; }

        public bool Matches(Problem problem) =>
            problem.Rule == Rule && (Row is null || problem.Row == Row) && (Column is null || problem.Column == Column)
            && (Value is null || problem.Value == Value);

        public override string ToString() =>
            $"[{Rule}]{(Row is null ? "" : $" row {Row}")}{(Column is null ? "" : $" column '{Column}'")}{(Value is null ? "" : $" value '{Value}'")}";
    }

    private sealed class ExpectedUnmatched
    {
        public string Name { get; init; } = "";
        public string? Candidate { get; init; }
    }

    private sealed class CatalogIndicator
    {
        public string Id { get; init; } = "";
        public string Dimension { get; init; } = "";
        public string Direction { get; init; } = "+";
        [JsonPropertyName("name_en")] public string? NameEn { get; init; }
        [JsonPropertyName("name_zh")] public string? NameZh { get; init; }
        public string? Unit { get; init; }
        public double? Min { get; init; }
        public double? Max { get; init; }
        public List<string>? Aliases { get; init; }
    }

    private sealed class RegistryCity
    {
        public string Id { get; init; } = "";
        public string Region { get; init; } = "";
        [JsonPropertyName("name_en")] public string? NameEn { get; init; }
        [JsonPropertyName("name_zh")] public string? NameZh { get; init; }
        [JsonPropertyName("province_zh")] public string? ProvinceZh { get; init; }
        public string? Code { get; init; }
    }
}
