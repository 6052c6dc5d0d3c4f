using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;
using Resilience.Testing;

namespace Resilience.Integration.Tests;

/// <summary>One year of the demo dataset as its CSV holds it: the header (city_id, year, indicator ids) and the cells as text.</summary>
public sealed record DemoTable(string[] Header, string[][] Rows)
{
    public static DemoTable Year(int year)
    {
        var lines = File.ReadAllLines(Fixtures.Method("demo", $"indicators_{year}.csv")).Where(l => l.Length > 0).ToArray();
        return new DemoTable(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToArray());
    }

    public string[] Indicators => Header[2..];
}

/// <summary>
/// Input files written by the tests in the formats users bring (a workbook, Parquet, GB18030 text with a decimal comma,
/// TSV, the long layout), each holding exactly the cells of a demo CSV, and a large synthetic file.
/// </summary>
public static class IngestionFiles
{
    static IngestionFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// An .xlsx workbook written by hand (ZIP + XML, inline strings): a notes sheet first, then the data sheet named
    /// after the year ("2010年"), with a title row and a blank row above a header without a year column (the wide
    /// one-year layout, the year from the sheet name). Every other indicator column holds its numbers as text cells.
    /// </summary>
    public static byte[] Xlsx(DemoTable table, int year)
    {
        var notes = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Notes" },
            new object?[] { "Source: demo data set of the resilience method, converted for the ingestion test" },
            new object?[] { "Units: see the catalog; empty cells are missing values" },
        };
        var data = new List<IReadOnlyList<object?>>
        {
            new object?[] { $"{year}年 资源型城市韧性评价指标" },
            Array.Empty<object?>(),
            new object?[] { "city_id" }.Concat(table.Indicators).ToArray(),
        };
        foreach (var row in table.Rows)
        {
            var cells = new List<object?> { row[0] };
            for (var c = 2; c < row.Length; c++)
            {
                if (row[c].Length == 0) cells.Add(null);
                else if (c % 2 == 0) cells.Add(double.Parse(row[c], CultureInfo.InvariantCulture));
                else cells.Add(row[c]); // a number stored as text, as pasted from a web page
            }
            data.Add(cells);
        }
        return XlsxWorkbook.Build(new XlsxWorkbook.Sheet("Notes", notes), new XlsxWorkbook.Sheet($"{year}年", data));
    }

    /// <summary>A Parquet file as pandas writes one: city_id text, year int, nullable double indicators, in two row groups.</summary>
    public static async Task<byte[]> ParquetAsync(DemoTable table)
    {
        DataField[] fields = [new DataField<string>("city_id", true), new DataField<int>("year"),
            .. table.Indicators.Select(name => new DataField<double?>(name))];
        using var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output))
        {
            var half = table.Rows.Length / 2;
            foreach (var rows in new[] { table.Rows[..half], table.Rows[half..] })
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(fields[0], rows.Select(r => (string?)r[0]).ToArray());
                await group.WriteAsync<int>(fields[1], rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).ToArray().AsMemory());
                for (var c = 2; c < table.Header.Length; c++)
                {
                    var values = rows.Select(r => r[c].Length == 0 ? (double?)null : double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray();
                    await group.WriteAsync<double>(fields[c], values.AsMemory());
                }
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// Text as a Chinese statistics office exports it: GB18030, ';' between fields, decimal commas, Chinese headers
    /// (城市, 年份 and each indicator's Chinese name from the catalog) and Chinese city names from the cities file.
    /// </summary>
    public static byte[] Gb18030DecimalComma(DemoTable table)
    {
        var indicatorNames = CsvColumn(Fixtures.Method("demo", "catalog.csv"), "indicator_id", "name_zh");
        var cityNames = CsvColumn(Fixtures.Method("demo", "cities.csv"), "city_id", "name_zh");
        var text = new StringBuilder();
        text.Append("城市;年份;").AppendJoin(';', table.Indicators.Select(id => indicatorNames[id])).Append("\r\n");
        foreach (var row in table.Rows)
            text.Append(cityNames[row[0]]).Append(';').Append(row[1]).Append(';').AppendJoin(';', row[2..].Select(v => v.Replace('.', ','))).Append("\r\n");
        return Encoding.GetEncoding("GB18030").GetBytes(text.ToString());
    }

    /// <summary>Tab-separated UTF-8 text.</summary>
    public static byte[] Tsv(DemoTable table) =>
        Encoding.UTF8.GetBytes(string.Join('\n', new[] { table.Header }.Concat(table.Rows).Select(r => string.Join('\t', r))) + "\n");

    /// <summary>The long layout (city_id, year, indicator_id, value), one row per non-empty cell, indicators in reverse order.</summary>
    public static byte[] Long(DemoTable table)
    {
        var text = new StringBuilder("city_id,year,indicator_id,value\n");
        for (var c = table.Header.Length - 1; c >= 2; c--)
            foreach (var row in table.Rows.Where(r => r[c].Length > 0))
                text.Append(row[0]).Append(',').Append(row[1]).Append(',').Append(table.Header[c]).Append(',').Append(row[c]).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A column of a small CSV with quoted fields, keyed by another column.</summary>
    private static Dictionary<string, string> CsvColumn(string path, string key, string value)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).Select(CsvFields).ToList();
        int k = Array.IndexOf(lines[0], key), v = Array.IndexOf(lines[0], value);
        return lines.Skip(1).ToDictionary(f => f[k], f => f[v]);
    }

    /// <summary>The fields of one CSV line (quoted fields, doubled quotes; no line breaks inside fields).</summary>
    public static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }

    /// <summary>The id of synthetic city <paramref name="number"/> (1-based).</summary>
    public static string SyntheticCity(int number) => $"syn{number:D6}";

    /// <summary>The demo cities file with <paramref name="count"/> synthetic cities appended.</summary>
    public static byte[] CitiesWithSynthetic(int count)
    {
        var text = new StringBuilder(File.ReadAllText(Fixtures.Method("demo", "cities.csv")).TrimEnd('\n', '\r')).Append('\n');
        string[] regions = ["east", "central", "west", "northeast"];
        for (var i = 1; i <= count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{SyntheticCity(i)},Synthetic {i},合成{i}市,Hebei,{regions[i % 4]},coal,mature,{30 + i % 20}.5,{100 + i % 30}.25\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// A wide panel CSV of the demo catalog for synthetic cities 1..<paramref name="cities"/>, years
    /// <paramref name="firstYear"/>.. (<paramref name="years"/> of them), ordered by year then city; values are positive
    /// and random (seeded).
    /// </summary>
    public static byte[] LargePanel(string[] indicators, int cities, int firstYear, int years)
    {
        var random = new Random(7);
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            writer.WriteLine("city_id,year," + string.Join(',', indicators));
            var line = new StringBuilder();
            for (var year = firstYear; year < firstYear + years; year++)
            {
                for (var city = 1; city <= cities; city++)
                {
                    line.Clear().Append(SyntheticCity(city)).Append(',').Append(year);
                    foreach (var _ in indicators) line.Append(',').Append((random.Next(100, 1_000_000) / 100.0).ToString("R", CultureInfo.InvariantCulture));
                    writer.WriteLine(line);
                }
            }
        }
        return output.ToArray();
    }
}
