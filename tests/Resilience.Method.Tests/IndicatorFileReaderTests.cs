using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion;

namespace Resilience.Method.Tests;

/// <summary>IndicatorFileReader on small inline CSV files, with the built-in catalog and city registry.</summary>
public class IndicatorFileReaderTests
{
    private const string FileName = "indicators_2015.csv";

    private static readonly int Gdp = Catalog.Default.IndexOf("gdp_per_capita");
    private static readonly int Tertiary = Catalog.Default.IndexOf("tertiary_share");
    private static readonly int Unemployment = Catalog.Default.IndexOf("unemployment_rate");

    private static IndicatorFileReadResult Read(string csv) =>
        IndicatorFileReader.Read(new StringReader(csv), FileName, Catalog.Default, CityRegistry.Default);

    private static string Describe(IndicatorFileReadResult result) => string.Join("\n", result.Problems);

    [Fact]
    public void WideFile_IsAccepted()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,tertiary_share,unemployment_rate\n" +
            "datong,2015,45000,48.5,3.2\n" +
            "tangshan,2015,80000.25,38.1,2.1\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Empty(result.Problems);
        Assert.Equal(0, result.ErrorCount);
        Assert.Equal(0, result.WarningCount);
        Assert.Equal(2, result.Rows.Count);

        var datong = result.Rows[0];
        Assert.Equal("datong", datong.CityId);
        Assert.Equal(2015, datong.Year);
        Assert.Equal(Catalog.Default.Count, datong.Values.Length);
        Assert.Equal(45000, datong.Values[Gdp]);
        Assert.Equal(48.5, datong.Values[Tertiary]);
        Assert.Equal(3.2, datong.Values[Unemployment]);
        // Indicators absent from the file are missing.
        Assert.Equal(Catalog.Default.Count - 3, datong.Values.Count(v => v is null));

        Assert.Equal("tangshan", result.Rows[1].CityId);
        Assert.Equal(80000.25, result.Rows[1].Values[Gdp]);
    }

    [Fact]
    public void MultiYearPanel_IsAccepted()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015,1\n" +
            "datong,2016,2\n" +
            "tangshan,2015,3\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal([("datong", 2015), ("datong", 2016), ("tangshan", 2015)], result.Rows.Select(r => (r.CityId, r.Year)));
    }

    [Fact]
    public void CityColumn_MayBeCalledCity()
    {
        var result = Read(
            "city,year,gdp_per_capita\n" +
            "datong,2015,45000\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Empty(result.Problems);
        var row = Assert.Single(result.Rows);
        Assert.Equal("datong", row.CityId);
        Assert.Equal(45000, row.Values[Gdp]);
    }

    [Fact]
    public void HeaderNames_AreCaseInsensitive_AndYearMayBeAFloat()
    {
        var result = Read(
            "City_ID,YEAR,GDP_per_capita\n" +
            "Datong,2015.0,45000\n");

        Assert.True(result.Accepted, Describe(result));
        var row = Assert.Single(result.Rows);
        Assert.Equal(("datong", 2015), (row.CityId, row.Year));
        Assert.Equal(45000, row.Values[Gdp]);
    }

    [Fact]
    public void QuotedFields_WithSurroundingSpaces_AreTrimmed()
    {
        var result = Read(
            "\"city_id \",\"year\",\" gdp_per_capita \",tertiary_share\n" +
            "\"datong  \",\" 2015 \",\"45000.5 \", 48.5 \n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Empty(result.Problems);
        var row = Assert.Single(result.Rows);
        Assert.Equal("datong", row.CityId);
        Assert.Equal(2015, row.Year);
        Assert.Equal(45000.5, row.Values[Gdp]);
        Assert.Equal(48.5, row.Values[Tertiary]);
    }

    [Fact]
    public void QuotedField_WithAComma_IsOneField()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,note\n" +
            "datong,2015,45000,\"coal, mature\"\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal(45000, Assert.Single(result.Rows).Values[Gdp]);
    }

    [Fact]
    public void UnknownIndicatorColumn_IsAWarningNamingTheColumn_AndTheFileIsAccepted()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,post\n" +
            "datong,2015,45000,1\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal(1, result.WarningCount);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(Severity.Warning, problem.Severity);
        Assert.Equal(FileName, problem.File);
        Assert.Equal(1, problem.Row);
        Assert.Equal("post", problem.Column);
        Assert.Null(problem.Value);
        Assert.Equal("unknown-indicator-column", problem.Rule);
        Assert.Contains("'post'", problem.ToString());
        Assert.Equal(45000, Assert.Single(result.Rows).Values[Gdp]);
    }

    [Fact]
    public void NonNumericCell_IsAnErrorNamingFileRowColumnAndValue()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,tertiary_share\n" +
            "datong,2015,45000,48.5\n" +
            "tangshan,2015,80000,abc\n");

        Assert.False(result.Accepted);
        Assert.Equal(1, result.ErrorCount);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 3, "tertiary_share", "abc", "non-numeric", problem.Message), problem);
        var text = problem.ToString();
        Assert.Contains(FileName, text);
        Assert.Contains("row 3", text);
        Assert.Contains("'tertiary_share'", text);
        Assert.Contains("'abc'", text);
    }

    [Fact]
    public void NonNumericCell_LineNumberCountsBlankLinesBeforeIt()
    {
        // Physical lines: 1 header, 2 datong, 3 blank, 4 tangshan.
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015,45000\n" +
            "\n" +
            "tangshan,2015,1.5x\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((Severity.Error, 4L, "gdp_per_capita", "1.5x", "non-numeric"),
            (problem.Severity, problem.Row, problem.Column, problem.Value, problem.Rule));
    }

    [Fact]
    public void NonFiniteNumber_IsAnError()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015,Infinity\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((Severity.Error, 2L, "gdp_per_capita", "Infinity", "non-numeric"),
            (problem.Severity, problem.Row, problem.Column, problem.Value, problem.Rule));
    }

    [Fact]
    public void DuplicateCityYear_IsAnError()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015,1\n" +
            "tangshan,2015,2\n" +
            "datong,2015,3\n");

        Assert.False(result.Accepted);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 4, "city_id", "datong", "duplicate-city-year", problem.Message), problem);
        Assert.Contains("row 2", problem.Message);
    }

    [Fact]
    public void DuplicateCityYear_IsDetectedAcrossNameAndId()
    {
        // '大同市' resolves to datong, so line 3 repeats datong 2015.
        var result = Read(
            "city,year,gdp_per_capita\n" +
            "datong,2015,1\n" +
            "大同市,2015,3\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 3, "city", "大同市", "duplicate-city-year", problem.Message), problem);
    }

    [Fact]
    public void MissingCity_IsAnError()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015,1\n" +
            ",2015,2\n");

        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 3, "city_id", "", "missing-city", problem.Message), problem);
    }

    [Fact]
    public void MissingYear_IsAnError()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,,1\n");

        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 2, "year", "", "missing-year", problem.Message), problem);
    }

    [Theory]
    [InlineData("20x5")]
    [InlineData("1850")]
    [InlineData("2015.5")]
    public void InvalidYear_IsAnError(string year)
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            $"datong,{year},1\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 2, "year", year, "invalid-year", problem.Message), problem);
    }

    [Theory]
    [InlineData("1.7e308")]
    [InlineData("-1.7e308")]
    [InlineData("2e15")]
    public void ValueBeyondAnyRealIndicator_IsAnError(string value)
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            $"datong,2015,{value}\n" +
            "benxi,2015,1e15\n");

        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems, p => p.Severity == Severity.Error);
        Assert.Equal(new Problem(Severity.Error, FileName, 2, "gdp_per_capita", value, "value-too-large", problem.Message), problem);
    }

    [Fact]
    public void DatesInTheYearColumn_GiveTheirYear_WithOneWarning()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015-01-01,1\n" +
            "benxi,2015-12-31,2\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.All(result.Rows, r => Assert.Equal(2015, r.Year));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Warning, FileName, 2, "year", "2015-01-01", "year-from-date", problem.Message), problem);
    }

    [Fact]
    public void DateFarFromTheData_InTheYearColumn_IsAnError()
    {
        // 2019 formatted as a date in Excel reads as 1905-07-11.
        var problem = Assert.Single(Read("city_id,year,gdp_per_capita\ndatong,1905-07-11,1\n").Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 2, "year", "1905-07-11", "invalid-year", problem.Message), problem);
    }

    [Fact]
    public async Task Float32ParquetValues_AreReadAsWritten_NotAsTheirBinaryWidening()
    {
        var city = new Parquet.Schema.DataField<string>("city_id");
        var year = new Parquet.Schema.DataField<int>("year");
        var tertiary = new Parquet.Schema.DataField<float?>("tertiary_share");
        var file = new MemoryStream();
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(city, year, tertiary), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(city, ["datong", "benxi"]);
            await group.WriteAsync<int>(year, new[] { 2015, 2015 }.AsMemory());
            await group.WriteAsync<float>(tertiary, new float?[] { 2.2f, 24.46f }.AsMemory());
        }

        var result = IndicatorFileReader.Read(new MemoryStream(file.ToArray()), "indicators.parquet", Catalog.Default, CityRegistry.Default);

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal(2.2, result.Rows.Single(r => r.CityId == "datong").Values[Tertiary]);
        Assert.Equal(24.46, result.Rows.Single(r => r.CityId == "benxi").Values[Tertiary]);
    }

    [Fact]
    public void ThousandsOfUnknownColumns_AreListedUpToTwenty_ThenCounted()
    {
        var junk = Enumerable.Range(1, 3000).Select(i => $"col{i}").ToList();
        var result = Read($"city_id,year,gdp_per_capita,{string.Join(',', junk)}\ndatong,2015,1{new string(',', junk.Count)}\n");

        Assert.True(result.Accepted, Describe(result));
        var warnings = result.Problems.Where(p => p.Rule == "unknown-indicator-column").ToList();
        Assert.Equal(21, warnings.Count);
        Assert.Equal(junk.Take(20), warnings.Take(20).Select(w => w.Column));
        Assert.StartsWith("2,980 more columns are not indicators of the catalog and are ignored (the next: 'col21', 'col22'", warnings[20].Message);
    }

    [Fact]
    public void LongLayout_ValueOutsideThePlausibleRange_IsAWarningNamingTheIndicator()
    {
        var result = Read(
            "city_id,year,indicator_id,value\n" +
            "datong,2015,gdp_per_capita,9876543\n" +
            "datong,2015,tertiary_share,48.5\n" +
            "benxi,2015,tertiary_share,250\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal(9876543, result.Rows.Single(r => r.CityId == "datong").Values[Gdp]);
        var warnings = result.Problems.Where(p => p.Rule == "implausible-value").OrderBy(p => p.Row).ToList();
        Assert.Equal([(2L, "value", "9876543"), (4L, "value", "250")], warnings.Select(w => (w.Row, w.Column, w.Value)));
        Assert.Contains("'gdp_per_capita'", warnings[0].Message);
        Assert.Contains("'tertiary_share'", warnings[1].Message);
    }

    [Fact]
    public void Utf8FileWithOneDamagedCell_IsReadAsUtf8_AndTheCellIsNamed()
    {
        var text = new System.Text.StringBuilder("城市,年份,人均地区生产总值\n");
        foreach (var (city, i) in new[] { "大同市", "本溪市", "阜新市", "唐山市", "邯郸市", "鄂尔多斯市" }.Select((c, i) => (c, i)))
            text.Append(city).Append(",2015,").Append(40000 + i).Append('\n');
        // One stray byte inside the value of 阜新市 (row 4): "4000" 0xFF "2".
        var split = text.ToString().IndexOf("40002", StringComparison.Ordinal) + 4;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text.ToString()[..split]).Append((byte)0xFF)
            .Concat(System.Text.Encoding.UTF8.GetBytes(text.ToString()[split..])).ToList();

        var result = IndicatorFileReader.Read(new MemoryStream(bytes.ToArray()), "indicators.csv", Catalog.Default, CityRegistry.Default);

        Assert.StartsWith("CSV text, UTF-8,", result.Summary.Format);
        var problem = Assert.Single(result.Problems, p => p.Severity == Severity.Error);
        Assert.Equal((4L, "人均地区生产总值", "invalid-encoding"), (problem.Row, problem.Column, problem.Rule));
    }

    [Fact]
    public void CommonShortNames_MatchTheBuiltInIndicators()
    {
        var result = Read(
            "城市,年份,人均GDP,第三产业比重,失业率\n" +
            "大同市,2015,45000,48.5,3.1\n");

        Assert.True(result.Accepted, Describe(result));
        var row = Assert.Single(result.Rows);
        Assert.Equal((45000.0, 48.5, 3.1), (row.Values[Gdp]!.Value, row.Values[Tertiary]!.Value, row.Values[Unemployment]!.Value));
        Assert.DoesNotContain(result.Problems, p => p.Rule == "unknown-indicator-column");
    }

    [Fact]
    public void MissingCityColumn_IsAnErrorOnTheHeader()
    {
        var result = Read(
            "name,year,gdp_per_capita\n" +
            "datong,2015,1\n");

        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems, p => p.Severity == Severity.Error);
        Assert.Equal(new Problem(Severity.Error, FileName, 1, null, null, "missing-city-column", problem.Message), problem);
    }

    [Fact]
    public void MissingYearColumn_WithoutAYearInTheName_IsAnErrorOnTheHeader()
    {
        var result = IndicatorFileReader.Read(new StringReader("city_id,gdp_per_capita\ndatong,1\n"), "indicators.csv", Catalog.Default, CityRegistry.Default);

        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, "indicators.csv", 1, null, null, "missing-year-column", problem.Message), problem);
    }

    [Fact]
    public void MissingYearColumn_WithSeveralYearsInTheName_SaysTheNameIsAmbiguous()
    {
        var result = IndicatorFileReader.Read(new StringReader("city_id,gdp_per_capita\ndatong,1\n"), "indicators_2018_2019.csv", Catalog.Default, CityRegistry.Default);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, "indicators_2018_2019.csv", 1, null, null, "missing-year-column", problem.Message), problem);
        Assert.StartsWith("the table has no year column and the file name holds several years (2018, 2019)", problem.Message);
    }

    [Fact]
    public void PanelWhoseRowsMissTheYearOfItsName_IsAcceptedWithAWarning()
    {
        var result = IndicatorFileReader.Read(new StringReader("city_id,year,gdp_per_capita\ndatong,2019,1\nbenxi,2019,2\n"), "indicators_2018_fixed.csv",
            Catalog.Default, CityRegistry.Default);

        Assert.True(result.Accepted);
        Assert.All(result.Rows, r => Assert.Equal(2019, r.Year));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Warning, "indicators_2018_fixed.csv", 0, "year", null, "name-year-mismatch", problem.Message), problem);
        Assert.StartsWith("the file name says 2018 but its rows hold 2019;", problem.Message);
        Assert.DoesNotContain(Read("city_id,year,gdp_per_capita\ndatong,2015,1\n").Problems, p => p.Rule == "name-year-mismatch");
    }

    [Fact]
    public void WideOneYearFile_TakesItsYearFromTheFileName()
    {
        var result = Read("city_id,gdp_per_capita\ndatong,1\n");

        Assert.True(result.Accepted, string.Join("\n", result.Problems));
        var row = Assert.Single(result.Rows);
        Assert.Equal(("datong", 2015, 1.0), (row.CityId, row.Year, row.Values[Catalog.Default.IndexOf("gdp_per_capita")]));
    }

    [Fact]
    public void NoIndicatorColumn_IsAnError()
    {
        var result = Read(
            "city_id,year,population\n" +
            "datong,2015,1\n");

        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p is { Severity: Severity.Error, Row: 1, Rule: "no-indicator-columns" });
        Assert.Contains(result.Problems, p => p is { Severity: Severity.Warning, Column: "population", Rule: "unknown-indicator-column" });
    }

    [Fact]
    public void DuplicateIndicatorColumn_IsAnError()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,GDP_PER_CAPITA\n" +
            "datong,2015,1,2\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 1, "GDP_PER_CAPITA", null, "duplicate-column", problem.Message), problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void EmptyFile_IsAnError(string csv)
    {
        var result = Read(csv);

        Assert.False(result.Accepted);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 1, null, null, "empty-file", problem.Message), problem);
    }

    [Theory]
    [InlineData("city_id,year,gdp_per_capita")]
    [InlineData("city_id,year,gdp_per_capita\n")]
    [InlineData("city_id,year,gdp_per_capita\n\n,,\n")]
    public void HeaderOnly_IsAnError(string csv)
    {
        var result = Read(csv);

        Assert.False(result.Accepted);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 1, null, null, "no-rows", problem.Message), problem);
    }

    [Fact]
    public void ChineseCityNames_ResolveToTheId()
    {
        var result = Read(
            "city,year,gdp_per_capita\n" +
            "大同市,2015,1\n" +
            "大同,2016,2\n" +
            "唐山市,2015,3\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Empty(result.Problems);
        Assert.Equal([("datong", 2015), ("datong", 2016), ("tangshan", 2015)], result.Rows.Select(r => (r.CityId, r.Year)));
    }

    [Fact]
    public void EnglishCityName_ResolvesToTheId()
    {
        var result = Read(
            "city,year,gdp_per_capita\n" +
            "Tangshan,2015,3\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal("tangshan", Assert.Single(result.Rows).CityId);
    }

    [Fact]
    public void UnknownCity_IsAWarning_OncePerCity_AndTheRowIsKept()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "atlantis,2015,1\n" +
            "atlantis,2016,2\n" +
            "datong,2015,3\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal(1, result.WarningCount);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Warning, FileName, 2, "city_id", "atlantis", "unknown-city", problem.Message), problem);
        Assert.Equal(["atlantis", "atlantis", "datong"], result.Rows.Select(r => r.CityId));
    }

    [Fact]
    public void MissingMarkers_BecomeNull()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,tertiary_share,unemployment_rate\n" +
            "datong,2015,NA,,3.2\n" +
            "tangshan,2015,N/A,-,null\n" +
            "shuozhou,2015,na,\"\",#N/A\n");

        Assert.True(result.Accepted, Describe(result));
        // Missing cells are no error; each column with some says how many, once.
        Assert.All(result.Problems, p => Assert.Equal((Severity.Warning, "missing-value"), (p.Severity, p.Rule)));
        Assert.Equal(3, result.Problems.Count);
        Assert.Equal(3, result.Rows.Count);
        Assert.Null(result.Rows[0].Values[Gdp]);
        Assert.Null(result.Rows[0].Values[Tertiary]);
        Assert.Equal(3.2, result.Rows[0].Values[Unemployment]);
        Assert.All(result.Rows.Skip(1), r =>
        {
            Assert.Null(r.Values[Gdp]);
            Assert.Null(r.Values[Tertiary]);
            Assert.Null(r.Values[Unemployment]);
        });
    }

    [Fact]
    public void ShortRow_MissingTrailingFields_AreMissingValues()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,tertiary_share\n" +
            "datong,2015,45000\n");

        Assert.True(result.Accepted, Describe(result));
        var row = Assert.Single(result.Rows);
        Assert.Equal(45000, row.Values[Gdp]);
        Assert.Null(row.Values[Tertiary]);
    }

    [Fact]
    public void ExtraFields_AreAnError()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2015,45000,7\n");

        Assert.False(result.Accepted);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(new Problem(Severity.Error, FileName, 2, null, "7", "extra-fields", problem.Message), problem);
    }

    [Fact]
    public void ShortRows_AreReadWithMissingCells_AndReportedOnce()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,tertiary_share,unemployment_rate\n" +
            "datong,2015,45000,48.5,3.1\n" +
            "benxi,2015,38000\n" +
            "fuxin,2015,31000,40.2\n" +
            "Note: 2015 values are provisional\n");

        Assert.True(result.Accepted, Describe(result));
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(38000, result.Rows[1].Values[Gdp]);
        Assert.Null(result.Rows[1].Values[Tertiary]);
        Assert.Equal(40.2, result.Rows[2].Values[Tertiary]);
        Assert.Null(result.Rows[2].Values[Unemployment]);
        var problem = Assert.Single(result.Problems, p => p.Rule == "short-row");
        Assert.Equal(new Problem(Severity.Warning, FileName, 3, null, null, "short-row", problem.Message), problem);
        Assert.StartsWith("2 row(s) have fewer fields than the header (row 3: 3 of 5)", problem.Message);
    }

    [Fact]
    public void SeveralErrors_AreAllReported()
    {
        var result = Read(
            "city_id,year,gdp_per_capita,tertiary_share\n" +
            "datong,2015,x,y\n" +
            ",2016,1,2\n");

        Assert.Equal(3, result.ErrorCount);
        Assert.Equal(
            [(2L, "gdp_per_capita", "non-numeric"), (2L, "tertiary_share", "non-numeric"), (3L, "city_id", "missing-city")],
            result.Problems.Select(p => (p.Row, p.Column!, p.Rule)));
    }

    [Fact]
    public void DuplicateCityYear_IsFound_WhateverTheOrderOfYears()
    {
        var result = Read(
            "city_id,year,gdp_per_capita\n" +
            "datong,2019,1\n" + "datong,2015,2\n" + "datong,1900,3\n" + "datong,2100,4\n" + "大同市,2015,5\n" + "datong,2016,6\n" + "datong,1900,7\n");

        Assert.False(result.Accepted);
        var duplicates = result.Problems.Where(p => p.Rule == "duplicate-city-year").Select(p => (p.Row, p.Message)).ToList();
        Assert.Equal([(6L, "datong 2015 already appears in row 3"), (8L, "datong 1900 already appears in row 4")], duplicates);
    }
}
