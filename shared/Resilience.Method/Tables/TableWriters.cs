using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Resilience.Method.Tables;

/// <summary>Writes a <see cref="Table"/> as CSV (UTF-8 with BOM, so that Excel reads it as UTF-8) or as Parquet.</summary>
public static class TableWriters
{
    /// <summary>CSV rows end in CRLF (RFC 4180), as Excel writes them.</summary>
    private const string RowEnd = "\r\n";

    public static async Task WriteCsvAsync(Table table, Stream output)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(c => CsvField.Escape(c.Name))).Append(RowEnd);
        for (var row = 0; row < table.RowCount; row++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                if (c > 0) text.Append(',');
                switch (table.Columns[c])
                {
                    case TextColumn t: text.Append(CsvField.Escape(t.Values[row] ?? "")); break;
                    case IntegerColumn i: text.Append(CultureInfo.InvariantCulture, $"{i.Values[row]}"); break;
                    case NumberColumn { Values: var values } when values[row] is { } number:
                        text.Append(CultureInfo.InvariantCulture, $"{number:R}");
                        break;
                }
            }
            text.Append(RowEnd);
            if (text.Length < 1 << 16) continue;
            await writer.WriteAsync(text);
            text.Clear();
        }
        await writer.WriteAsync(text);
    }

    /// <summary>One row group; text and number columns are nullable (OPTIONAL), integers required.</summary>
    public static async Task WriteParquetAsync(Table table, Stream output)
    {
        var fields = table.Columns.Select(c => c switch
        {
            TextColumn => (DataField)new DataField<string>(c.Name, true),
            IntegerColumn => new DataField<int>(c.Name),
            NumberColumn => new DataField<double?>(c.Name),
            _ => throw new InvalidOperationException($"Unknown column type {c.GetType().Name}."),
        }).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            switch (table.Columns[c])
            {
                case TextColumn t: await group.WriteAsync(fields[c], t.Values!); break;
                case IntegerColumn i: await group.WriteAsync<int>(fields[c], i.Values.AsMemory()); break;
                case NumberColumn n: await group.WriteAsync<double>(fields[c], n.Values.AsMemory()); break;
            }
        }
    }

}
