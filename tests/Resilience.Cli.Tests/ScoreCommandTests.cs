using System.Text;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Resilience.Testing;

namespace Resilience.Cli.Tests;

/// <summary>The CLI's entry logic run in-process on the demo fixtures: outputs against expected.json, and bad inputs.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private const double Tolerance = 1e-9;
    private readonly string _output = Path.Combine(Path.GetTempPath(), "resilience-cli-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private static string Demo(string file) => Fixtures.Method("demo", file);

    private static string[] IndicatorFiles => Directory.GetFiles(Fixtures.Method("demo"), "indicators_*.csv").Order().ToArray();

    private Task<int> Run(params string[] args) => CliApp.RunAsync(args, _stdout, _stderr);

    private string[] DemoArguments(params string[] extra) =>
        ["score", .. IndicatorFiles, "--catalog", Demo("catalog.csv"), "--cities", Demo("cities.csv"), "--out", _output, .. extra];

    [Fact]
    public async Task Demo_JsonOutput_MatchesTheReferenceValues()
    {
        var exit = await Run(DemoArguments("--emissions", Demo("emissions.csv")));

        Assert.True(exit == CliApp.Success, _stderr.ToString());
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Demo("expected.json")))!;
        var actual = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "result.json")))!;
        foreach (var key in new[] { "mean_first", "mean_last", "aagr_mean_resilience", "theil_between_share_last", "co2_mean_last", "aagr_mean_co2" })
            Assert.Equal(expected["summary"]![key]!.GetValue<double>(), actual["summary"]![key]!.GetValue<double>(), Tolerance);
        Assert.Equal(expected["weights"]![0]!["indicators"]![3]!["weight"]!.GetValue<double>(),
            actual["weights"]!["indicators"]![3]!["weight"]!.GetValue<double>(), Tolerance);
        Assert.Equal(expected["panel"]![123]!["ccd"]!["revised"]!["D"]!.GetValue<double>(),
            actual["panel"]![123]!["ccd"]!["revised"]!["d"]!.GetValue<double>(), Tolerance);
        Assert.Equal(expected["yearly"]![9]!["gini"]!.GetValue<double>(), actual["yearly"]![9]!["gini"]!.GetValue<double>(), Tolerance);
        Assert.Equal(expected["emissions"]!["tapio_city_year"]![17]!["state"]!.GetValue<string>(),
            actual["emissions"]!["tapio_city_year"]![17]!["state"]!.GetValue<string>());
        Assert.Equal(expected["emissions"]!["tapio_yearly_mean"]![0]!["gR"]!.GetValue<double>(),
            actual["emissions"]!["tapio_yearly_mean"]![0]!["gR"]!.GetValue<double>(), Tolerance);
        Assert.Contains("mean composite 0.1924 → 0.4427", _stdout.ToString());
    }

    [Fact]
    public async Task Demo_ParquetScores_ReadBack_AsTheJsonPanel()
    {
        Assert.Equal(CliApp.Success, await Run(DemoArguments()));
        var panel = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "result.json")))!["panel"]!.AsArray();

        await using var stream = File.OpenRead(Path.Combine(_output, "scores.parquet"));
        await using var reader = await ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(300, group.RowCount);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name);
        var cities = new string?[300];
        var years = new int[300];
        var composite = new double?[300];
        await group.ReadAsync(fields["city_id"], cities.AsMemory());
        await group.ReadAsync<int>(fields["year"], years.AsMemory());
        await group.ReadAsync<double>(fields["composite"], composite.AsMemory());

        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(panel[i]!["city_id"]!.GetValue<string>(), cities[i]);
            Assert.Equal(panel[i]!["year"]!.GetValue<int>(), years[i]);
            Assert.Equal(panel[i]!["composite"]!.GetValue<double>(), composite[i]);
        }
        Assert.Contains("economic_index", fields.Keys);
        Assert.Contains("rank", fields.Keys);
    }

    [Fact]
    public async Task Demo_CsvFiles_AreUtf8WithBom_OneRowPerCityYear()
    {
        Assert.Equal(CliApp.Success, await Run(DemoArguments("--sensitivity", "20", "--seed", "9")));

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_output, "scores.csv"));
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = (await File.ReadAllLinesAsync(Path.Combine(_output, "scores.csv"))).ToList();
        Assert.Equal(301, lines.Count);
        var header = lines[0].Split(',');
        Assert.Equal(["city_id", "region", "year", "composite", "rank"], header[..5]);
        Assert.Contains("mc_median_rank", header);
        Assert.StartsWith("anshan,northeast,2010,0.21664396316449", lines[1]);
        var weights = await File.ReadAllLinesAsync(Path.Combine(_output, "weights.csv"));
        Assert.Equal(1 + 29, weights.Length); // pooled: one group of 29 indicators
        Assert.EndsWith("weight,weight_equal,weight_critic", weights[0]);
        Assert.Equal(11, (await File.ReadAllLinesAsync(Path.Combine(_output, "yearly.csv"))).Length);
        Assert.Contains("Monte Carlo 100 %", _stderr.ToString());
    }

    [Fact]
    public async Task Config_SelectsTheMethodOptions()
    {
        var config = Path.Combine(Directory.CreateDirectory(_output).FullName, "config.json");
        await File.WriteAllTextAsync(config, """{ "mode": "per-year", "topObstacles": 2 }""");

        Assert.Equal(CliApp.Success, await Run(DemoArguments("--config", config)));

        var actual = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "result.json")))!;
        Assert.Equal("per-year", actual["options"]!["mode"]!.GetValue<string>());
        Assert.Equal(10, actual["weight_groups"]!.AsArray().Count);
        Assert.Equal(2, actual["panel"]![0]!["obstacles_top"]!.AsArray().Count);
    }

    [Fact]
    public async Task BadIndicatorCell_ExitsWith2_NamingFileRowColumnAndValue()
    {
        var bad = Path.Combine(Directory.CreateDirectory(_output).FullName, "indicators_2020.csv");
        await File.WriteAllTextAsync(bad, "city_id,year,gdp_per_capita\nanshan,2020,12x\n");

        var exit = await Run("score", bad, "--catalog", Demo("catalog.csv"), "--out", _output);

        Assert.Equal(CliApp.BadInput, exit);
        var message = _stderr.ToString();
        Assert.Contains("indicators_2020.csv, row 2, column 'gdp_per_capita', value '12x'", message);
        Assert.Contains("nothing was computed", message);
        Assert.False(File.Exists(Path.Combine(_output, "result.json")));
    }

    [Fact]
    public async Task BadEmissionsCell_ExitsWith2_NamingFileRowColumnAndValue()
    {
        var bad = Path.Combine(Directory.CreateDirectory(_output).FullName, "co2.csv");
        await File.WriteAllTextAsync(bad, "city_id,year,co2\nanshan,2010,-4\n");

        Assert.Equal(CliApp.BadInput, await Run(DemoArguments("--emissions", bad)));
        Assert.Contains("co2.csv, row 2, column 'co2', value '-4'", _stderr.ToString());
    }

    [Fact]
    public async Task BadConfig_ExitsWith2_NamingTheKey()
    {
        var config = Path.Combine(Directory.CreateDirectory(_output).FullName, "config.json");
        await File.WriteAllTextAsync(config, "{\n  \"mode\": \"pooled\",\n  \"normalisation\": \"z-score\"\n}");

        Assert.Equal(CliApp.BadInput, await Run(DemoArguments("--config", config)));
        Assert.Contains("config.json: row 3, column 'normalisation': unknown option", _stderr.ToString());
    }

    [Fact]
    public async Task BadCatalog_ExitsWith2_NamingRowAndColumn()
    {
        var catalog = Path.Combine(Directory.CreateDirectory(_output).FullName, "catalog.csv");
        await File.WriteAllTextAsync(catalog, "indicator_id,dimension,direction\ngdp_per_capita,economic,up\n");

        Assert.Equal(CliApp.BadInput, await Run("score", IndicatorFiles[0], "--catalog", catalog, "--out", _output));
        Assert.Contains("catalog.csv: row 2, column 'direction'", _stderr.ToString());
    }

    [Fact]
    public async Task Formats_LimitTheOutputs()
    {
        Assert.Equal(CliApp.Success, await Run(DemoArguments("--formats", "csv,parquet")));

        Assert.Equal(["scores.csv", "scores.parquet", "weights.csv", "yearly.csv"],
            Directory.GetFiles(_output).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("score", "--out")]
    [InlineData("score", "x.csv")]
    [InlineData("score", "x.csv", "--out", "o", "--bogus", "1")]
    [InlineData("score", "x.csv", "--out", "o", "--sensitivity", "many")]
    [InlineData("score", "x.csv", "--out", "o", "--seed", "3")]
    [InlineData("score", "x.csv", "--out", "o", "--formats", "xml")]
    [InlineData("rank", "x.csv")]
    public async Task BadCommandLine_ExitsWith2_WithTheUsage(params string[] args)
    {
        Assert.Equal(CliApp.BadInput, await Run(args));
        Assert.Contains("usage: resilience score", _stderr.ToString());
    }

    [Fact]
    public async Task MissingFile_ExitsWith2_NamingIt()
    {
        Assert.Equal(CliApp.BadInput, await Run("score", "/nonexistent/indicators.csv", "--out", _output));
        Assert.Contains("/nonexistent/indicators.csv: file not found", _stderr.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }
}
