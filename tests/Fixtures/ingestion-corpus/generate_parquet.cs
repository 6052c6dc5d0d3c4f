// Writes the Parquet files of the ingestion corpus (the other files come from generate.py). Every value is invented.
// Run in this folder: dotnet run generate_parquet.cs   (a .NET 10 file-based app; package versions come from
// Directory.Packages.props at the repository root, Directory.Build.props here keeps the test settings out).
#:package Parquet.Net
#:package DuckDB.NET.Data.Full

using DuckDB.NET.Data;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

var here = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(here, "corpus.json")))
    throw new InvalidOperationException("Run this in tests/Fixtures/ingestion-corpus (the folder of corpus.json).");
string PathOf(string name) => Path.Combine(here, name);

// Parquet.Net: nullable columns, three row groups, a repeated string column written with a dictionary.
{
    var city = new DataField<string>("city_id", true);
    var year = new DataField<int>("year");
    var gdp = new DataField<double?>("gdp_per_capita");
    var tertiary = new DataField<double?>("tertiary_share");
    await using var file = File.Create(PathOf("parquetnet_nullable_rowgroups.parquet"));
    var options = new ParquetOptions();
    options.ColumnEncodingHints[city.Path.ToString()] = EncodingHint.Dictionary;
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, gdp, tertiary), file, options);
    (string, int, double?, double?)[][] groups =
    [
        [("datong", 2012, 27000.5, 40.5), ("tangshan", 2012, 70500, null), ("datong", 2013, 28100, 41), ("tangshan", 2013, 72250.25, 36.5)],
        [("datong", 2014, 29000, 42.75), ("tangshan", 2014, null, 37), ("datong", 2015, 30100.5, 44.5), ("tangshan", 2015, 78000, 38.25)],
        [("datong", 2016, 31000, null), ("tangshan", 2016, 79500.5, 39), ("datong", 2017, 32000, 46), ("tangshan", 2017, 81000.75, 39.5)],
    ];
    foreach (var rows in groups)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(city, rows.Select(r => r.Item1).ToArray());
        await group.WriteAsync<int>(year, rows.Select(r => r.Item2).ToArray().AsMemory());
        await group.WriteAsync<double>(gdp, rows.Select(r => r.Item3).ToArray().AsMemory());
        await group.WriteAsync<double>(tertiary, rows.Select(r => r.Item4).ToArray().AsMemory());
    }
}

// Parquet.Net: INT64 year, DECIMAL, FLOAT and INT16 columns, Chinese column and city names.
{
    var city = new DataField<string>("城市", true);
    var year = new DataField<long>("年份");
    var gdp = new DecimalDataField("人均地区生产总值", 12, 2, isNullable: true);
    var tertiary = new DataField<float?>("第三产业增加值占GDP比重");
    var beds = new DataField<short?>("每万人医院床位数");
    await using var file = File.Create(PathOf("parquetnet_int64_decimal_float.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, gdp, tertiary, beds), file);
    using var group = writer.CreateRowGroup();
    await group.WriteAsync(city, ["大同市", "大同市", "唐山市", "唐山市"]);
    await group.WriteAsync<long>(year, new long[] { 2015, 2016, 2015, 2016 }.AsMemory());
    await group.WriteAsync<decimal>(gdp, new decimal?[] { 30100.25m, 31050.5m, 78000.75m, null }.AsMemory());
    await group.WriteAsync<float>(tertiary, new float?[] { 44.5f, 45.25f, 38.125f, 39f }.AsMemory());
    await group.WriteAsync<short>(beds, new short?[] { 52, 55, 61, null }.AsMemory());
}

// As pandas writes it: the index as a column (__index_level_0__), the year a float64 column (2015.0), nulls.
{
    var city = new DataField<string>("city", true);
    var year = new DataField<double?>("year");
    var gdp = new DataField<double?>("gdp_per_capita");
    var index = new DataField<long?>("__index_level_0__");
    await using var file = File.Create(PathOf("pandas_index_float_year.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, gdp, index), file);
    using var group = writer.CreateRowGroup();
    await group.WriteAsync(city, ["Datong", "Datong", "Changzhi"]);
    await group.WriteAsync<double>(year, new double?[] { 2015.0, 2016.0, 2015.0 }.AsMemory());
    await group.WriteAsync<double>(gdp, new double?[] { 30100, null, 33250.5 }.AsMemory());
    await group.WriteAsync<long>(index, new long?[] { 0, 1, 2 }.AsMemory());
}

// NaN in a double column (Spark and pandas write missing floats so).
{
    var city = new DataField<string>("city", true);
    var year = new DataField<int>("year");
    var gdp = new DataField<double>("gdp_per_capita");
    await using var file = File.Create(PathOf("spark_nan_values.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, gdp), file);
    using var group = writer.CreateRowGroup();
    await group.WriteAsync(city, ["Datong", "Tangshan"]);
    await group.WriteAsync<int>(year, new[] { 2015, 2015 }.AsMemory());
    await group.WriteAsync<double>(gdp, new[] { double.NaN, 78000.5 }.AsMemory());
}

// Strings as plain BYTE_ARRAY without the UTF8 annotation (older Impala/Spark writers).
{
    var city = new DataField<byte[]>("city", true);
    var year = new DataField<int>("year");
    var gdp = new DataField<double?>("gdp_per_capita");
    await using var file = File.Create(PathOf("parquet_binary_strings.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, gdp), file);
    using var group = writer.CreateRowGroup();
    await group.WriteAsync(city, new[] { "大同市", "Tangshan" }.Select(System.Text.Encoding.UTF8.GetBytes).ToArray());
    await group.WriteAsync<int>(year, new[] { 2015, 2015 }.AsMemory());
    await group.WriteAsync<double>(gdp, new double?[] { 30100, 78000 }.AsMemory());
}

// A nested (list) column beside the plain ones.
await using (var file = File.Create(PathOf("parquetnet_nested_list.parquet")))
{
    await ParquetSerializer.SerializeAsync(new[]
    {
        new NestedRow { city_id = "datong", year = 2015, gdp_per_capita = 30100, tags = ["coal", "mature"] },
        new NestedRow { city_id = "tangshan", year = 2015, gdp_per_capita = 78000.5, tags = ["steel"] },
    }, file);
}

// A header and no rows.
{
    var city = new DataField<string>("city_id", true);
    var year = new DataField<int>("year");
    var gdp = new DataField<double?>("gdp_per_capita");
    await using var file = File.Create(PathOf("parquetnet_no_rows.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, gdp), file);
    using var group = writer.CreateRowGroup();
    await group.WriteAsync(city, Array.Empty<string>());
    await group.WriteAsync<int>(year, Array.Empty<int>().AsMemory());
    await group.WriteAsync<double>(gdp, Array.Empty<double?>().AsMemory());
}

// Emissions in kt, the unit in the column name.
{
    var city = new DataField<string>("city", true);
    var year = new DataField<int>("year");
    var co2 = new DataField<double?>("co2_kt");
    await using var file = File.Create(PathOf("emissions_co2_kt.parquet"));
    await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(city, year, co2), file);
    using var group = writer.CreateRowGroup();
    await group.WriteAsync(city, ["Datong", "Tangshan", "Tangshan"]);
    await group.WriteAsync<int>(year, new[] { 2018, 2018, 2019 }.AsMemory());
    await group.WriteAsync<double>(co2, new double?[] { 35123.5, 190250.25, null }.AsMemory());
}

// A Parquet file cut short: the footer is missing.
{
    var whole = await File.ReadAllBytesAsync(PathOf("parquetnet_nullable_rowgroups.parquet"));
    await File.WriteAllBytesAsync(PathOf("parquet_truncated.parquet"), whole[..(whole.Length / 2)]);
}

// DuckDB: every column nullable, DECIMAL and REAL columns; once with the default writer, once with format version 2
// (delta and byte-stream-split encodings).
using (var duck = new DuckDBConnection("DataSource=:memory:"))
{
    duck.Open();
    const string select = """
        SELECT * FROM (VALUES
            ('Datong', 2012, 27000.5::DOUBLE, 40.50::DECIMAL(5,2), 3.5::REAL),
            ('Datong', 2013, NULL, 41.25::DECIMAL(5,2), 3.25::REAL),
            ('Datong', 2014, 29000.0::DOUBLE, 42.00::DECIMAL(5,2), 3.0::REAL),
            ('Datong', 2015, 30100.5::DOUBLE, 44.50::DECIMAL(5,2), NULL),
            ('Datong', 2016, 31000.25::DOUBLE, NULL, 2.75::REAL),
            ('Changzhi', 2012, 30000.0::DOUBLE, 37.75::DECIMAL(5,2), 2.5::REAL),
            ('Changzhi', 2013, 31000.0::DOUBLE, 38.00::DECIMAL(5,2), 2.5::REAL),
            ('Changzhi', 2014, 32000.0::DOUBLE, 39.10::DECIMAL(5,2), 2.25::REAL),
            ('Changzhi', 2015, 33250.0::DOUBLE, NULL, 2.75::REAL),
            ('Changzhi', 2016, 34100.25::DOUBLE, 41.00::DECIMAL(5,2), NULL)
        ) AS t(city, year, gdp_per_capita, tertiary_share, unemployment_rate)
        """;
    foreach (var (name, options) in new[] { ("duckdb_all_nullable.parquet", ""), ("duckdb_v2_encodings.parquet", ", PARQUET_VERSION V2") })
    {
        using var command = duck.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{PathOf(name).Replace("'", "''")}' (FORMAT parquet{options})";
        command.ExecuteNonQuery();
    }
}

Console.WriteLine("Parquet corpus files written.");

internal sealed class NestedRow
{
    public string city_id { get; set; } = "";
    public int year { get; set; }
    public double gdp_per_capita { get; set; }
    public List<string> tags { get; set; } = [];
}
