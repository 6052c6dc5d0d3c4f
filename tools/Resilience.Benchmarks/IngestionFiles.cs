using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Resilience.Benchmarks;

/// <summary>
/// The wide indicator file of the ingestion benchmark, as CSV and as Parquet with the same cells: 15,000 cities × 20
/// years (2001–2020) × 50 indicators, about 2 % of them empty. Every value has six significant digits, the last one not
/// zero, so the CSV (invariant culture, LF) prints all six and a parser gets from it exactly the double in the Parquet file.
/// </summary>
internal static class IngestionFiles
{
    public const int Cities = 15_000, Years = 20, Indicators = 50, Rows = Cities * Years, RowGroupRows = 100_000;
    public const double MissingShare = 0.02;
    public const string CsvName = "indicators.csv", ParquetName = "indicators.parquet";

    public static readonly string[] IndicatorNames = [.. Enumerable.Range(1, Indicators).Select(j => $"ind{j:D2}")];

    /// <summary>The id of city <paramref name="number"/> (1-based) in both files: c000001, c000002, …</summary>
    public static string CityId(int number) => $"c{number:D6}";

    /// <summary>
    /// Writes the CSV and the Parquet file into the folder, unless an earlier run left them there; true if it wrote them.
    /// </summary>
    public static async Task<bool> EnsureAsync(string folder)
    {
        var csvPath = Path.Combine(folder, CsvName);
        var parquetPath = Path.Combine(folder, ParquetName);
        if (File.Exists(csvPath) && File.Exists(parquetPath)) return false;
        Directory.CreateDirectory(folder);

        DataField[] fields = [new DataField<string>("city_id", false), new DataField<int>("year"),
            .. IndicatorNames.Select(name => new DataField<double?>(name))];
        var random = new Random(2024);
        // Written under temporary names and renamed at the end, so that an interrupted run leaves nothing to reuse.
        await using (var csv = new StreamWriter(csvPath + ".partial", false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        await using (var parquetStream = File.Create(parquetPath + ".partial"))
        await using (var parquet = await ParquetWriter.CreateAsync(new ParquetSchema(fields), parquetStream))
        {
            csv.WriteLine($"city_id,year,{string.Join(',', IndicatorNames)}");
            for (var first = 0; first < Rows; first += RowGroupRows)
            {
                var group = RowGroup.Generate(random, first, Math.Min(RowGroupRows, Rows - first));
                group.WriteCsv(csv);
                using var writer = parquet.CreateRowGroup();
                await writer.WriteAsync(fields[0], group.CityIds);
                await writer.WriteAsync<int>(fields[1], group.Years.AsMemory());
                for (var j = 0; j < Indicators; j++) await writer.WriteAsync<double>(fields[2 + j], group.Values[j].AsMemory());
            }
        }
        File.Move(csvPath + ".partial", csvPath, overwrite: true);
        File.Move(parquetPath + ".partial", parquetPath, overwrite: true);
        return true;
    }

    /// <summary>
    /// Streams a large wide CSV file of the same shape (city_id, year, ind01..ind50; six significant digits, about 2 %
    /// empty) row by row, never holding more than a write buffer: <paramref name="cities"/> cities × <paramref name="years"/>
    /// years from <paramref name="firstYear"/>. Reused when an earlier run left it; true if it was written.
    /// </summary>
    public static bool EnsureLargeCsv(string path, int cities, int years, int firstYear)
    {
        if (File.Exists(path)) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(2025);
        using (var csv = new StreamWriter(path + ".partial", false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        {
            csv.WriteLine($"city_id,year,{string.Join(',', IndicatorNames)}");
            Span<char> line = stackalloc char[1024];
            for (var city = 1; city <= cities; city++)
            {
                var id = CityId(city);
                for (var year = firstYear; year < firstYear + years; year++)
                {
                    var length = 0;
                    id.AsSpan().CopyTo(line);
                    length += id.Length;
                    line[length++] = ',';
                    year.TryFormat(line[length..], out var written, provider: CultureInfo.InvariantCulture);
                    length += written;
                    for (var j = 0; j < Indicators; j++)
                    {
                        line[length++] = ',';
                        if (random.NextDouble() < MissingShare) continue;
                        // Six digits without a trailing zero, the decimal point placed as in the 300,000-row files.
                        var digits = random.Next(10_000, 100_000) * 10 + random.Next(1, 10);
                        digits.TryFormat(line[length..], out written, provider: CultureInfo.InvariantCulture);
                        var decimals = 1 + j % 5;
                        line.Slice(length + 6 - decimals, decimals).CopyTo(line[(length + 7 - decimals)..]);
                        line[length + 6 - decimals] = '.';
                        length += 7;
                    }
                    line[length++] = '\n';
                    csv.Write(line[..length]);
                }
            }
        }
        File.Move(path + ".partial", path, overwrite: true);
        return true;
    }

    /// <summary>Consecutive rows, city by city and year by year within a city, with their values column by column.</summary>
    private sealed record RowGroup(string[] CityIds, int[] Years, double?[][] Values)
    {
        private static readonly double[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000];

        public static RowGroup Generate(Random random, int firstRow, int count)
        {
            var cityIds = new string[count];
            var years = new int[count];
            var values = Enumerable.Range(0, Indicators).Select(_ => new double?[count]).ToArray();
            for (var i = 0; i < count; i++)
            {
                var row = firstRow + i;
                cityIds[i] = CityId(row / IngestionFiles.Years + 1);
                years[i] = 2001 + row % IngestionFiles.Years;
                for (var j = 0; j < Indicators; j++)
                {
                    if (random.NextDouble() < MissingShare) continue;
                    // 100001..999999 without a trailing zero, with 1 to 5 decimals depending on the column (10000.1 .. 9.99999).
                    var digits = random.Next(10_000, 100_000) * 10 + random.Next(1, 10);
                    values[j][i] = digits / PowersOfTen[1 + j % 5];
                }
            }
            return new RowGroup(cityIds, years, values);
        }

        public void WriteCsv(TextWriter csv)
        {
            Span<char> number = stackalloc char[32];
            for (var i = 0; i < CityIds.Length; i++)
            {
                csv.Write(CityIds[i]);
                csv.Write(',');
                csv.Write(Years[i]);
                foreach (var column in Values)
                {
                    csv.Write(',');
                    if (column[i] is not { } value) continue;
                    value.TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
                    csv.Write(number[..length]);
                }
                csv.WriteLine();
            }
        }
    }
}
