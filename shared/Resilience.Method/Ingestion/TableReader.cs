using Resilience.Method.Catalogs;
using Resilience.Method.Ingestion.Sources;

namespace Resilience.Method.Ingestion;

/// <summary>
/// Turns the data rows under a header into observations, checking every cell: city and year keys, numbers,
/// plausibility, repeats. Rows that are not city-years (repeated header blocks, province rows, notes and footers)
/// are skipped and reported as warnings.
/// </summary>
internal sealed class TableReader
{
    private readonly TableLayout _layout;
    private readonly Catalog _catalog;
    private readonly CityRegistry _cities;
    private readonly ProblemList _problems;
    private readonly ReadOptions _options;
    private readonly NumberConventions _numbers;
    private readonly double[] _columnFactor;
    private readonly string _headerCityKey;
    private readonly IndicatorMatcher _matcher;

    /// <summary>Per city id: the row each year was first read in (a repeat is an error).</summary>
    private readonly Dictionary<string, YearRows> _firstRows = new(StringComparer.Ordinal);
    private readonly Dictionary<(string City, int Year), double?[]>? _longRows;
    private readonly Dictionary<(string City, int Year, int Indicator), long>? _longFirstRow;
    private readonly Dictionary<string, (long FirstRow, int Rows)> _unmatched = new(StringComparer.Ordinal);
    private readonly HashSet<string> _matched = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknownIndicators = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _provinceNames = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _years = [];
    /// <summary>Values outside the catalog's range, per column and indicator (a long table has all in one column).</summary>
    private readonly Dictionary<(int Column, int Indicator), (long FirstRow, int Count, string Value)> _implausible = new();
    private readonly Dictionary<int, (long FirstRow, int Count)> _missing = new();
    private readonly List<ObservationRow> _collected = [];
    private readonly bool _fixedWidthRows;
    /// <summary>Columns up to the header's last named one.</summary>
    private readonly int _headerWidth;

    /// <summary>What each distinct city cell turned out to be; large files repeat a few thousand names.</summary>
    private readonly Dictionary<string, CityCell> _cityCells = new(StringComparer.Ordinal);

    private enum CityCellKind { City, RepeatedHeader, Province, Total, Ambiguous, Unknown }

    /// <param name="Text">The first instance of this text: rows of an unknown city share it instead of each keeping a copy.</param>
    private sealed record CityCell(CityCellKind Kind, CityInfo? City, string Text)
    {
        public YearRows? FirstRows { get; set; }
    }

    /// <summary>
    /// The rows a city's years were first read in, as one array over the city's year range: at most 201 numbers per
    /// city (years 1900–2100), so a 1 GiB panel of millions of rows keeps a few MB for the repeat check.
    /// </summary>
    private sealed class YearRows
    {
        private const int MinYear = 1900, MaxYear = 2100;

        private int _firstYear;
        private int[] _rows = [];

        public long? FirstRow(int year)
        {
            var i = year - _firstYear;
            return i >= 0 && i < _rows.Length && _rows[i] != 0 ? _rows[i] : null;
        }

        public void Add(int year, long row)
        {
            if (_rows.Length == 0) (_firstYear, _rows) = (year, new int[1]);
            else if (year < _firstYear || year >= _firstYear + _rows.Length)
            {
                // Grow at least twofold (within 1900–2100), so that a city's years arriving one by one copy little.
                int first = Math.Min(_firstYear, year), end = Math.Max(_firstYear + _rows.Length, year + 1);
                if (year < _firstYear) first = Math.Max(MinYear, Math.Min(first, end - 2 * _rows.Length));
                else end = Math.Min(MaxYear + 1, Math.Max(end, first + 2 * _rows.Length));
                var grown = new int[end - first];
                _rows.CopyTo(grown, _firstYear - first);
                (_firstYear, _rows) = (first, grown);
            }
            _rows[year - _firstYear] = (int)Math.Min(row, int.MaxValue);
        }
    }
    private int _repeatedHeaders, _observations;
    private bool _strayCellReported;
    private bool _dateYearsReported;
    private (long FirstRow, int Count, int Fields)? _shortRows;

    public TableReader(TableLayout layout, Catalog catalog, IndicatorMatcher matcher, CityRegistry cities, ProblemList problems,
        ReadOptions options, NumberConventions numbers, string? sheet, bool fixedWidthRows)
    {
        _fixedWidthRows = fixedWidthRows;
        _headerWidth = Array.FindLastIndex(layout.Headers, h => h.Length > 0) + 1;
        _matcher = matcher;
        (_layout, _catalog, _cities, _problems, _options, _numbers) = (layout, catalog, cities, problems, options, numbers);
        _headerCityKey = NameKey.Of(layout.Headers[layout.CityColumn]);
        if (layout.Kind == LayoutKind.Long)
        {
            _longRows = new Dictionary<(string, int), double?[]>();
            _longFirstRow = new Dictionary<(string, int, int), long>();
        }
        _columnFactor = layout.Headers.Select(h => ColumnFactor(h, sheet)).ToArray();
    }

    public long DataRows { get; private set; }
    public long SkippedRows { get; private set; }
    public IReadOnlyList<ObservationRow> Collected => _collected;
    public bool TooManyErrors => _problems.ErrorCount >= _options.MaxErrors;

    /// <summary>A unit in a header ("co2 (Mt)", "碳排放量_吨") or in the sheet name ("Unit (Million tons)").</summary>
    private double ColumnFactor(string header, string? sheet)
    {
        if (_options.UnitFactor is not { } unitFactor) return 1;
        foreach (var candidate in new[] { NameKey.InParentheses(header), header.Split('_').Last(), sheet is null ? null : NameKey.InParentheses(sheet), sheet })
            if (candidate is { Length: > 0 } && unitFactor(candidate) is { } factor) return factor;
        return _options.DefaultFactor;
    }

    public void Read(TabularRow row)
    {
        if (row.IsBlank) return;
        var cityText = row[_layout.CityColumn].Display;
        var cityCell = Classify(cityText);
        if (cityCell.Kind == CityCellKind.RepeatedHeader)
        {
            // Printed tables repeat their header block on every page.
            _repeatedHeaders++;
            SkippedRows++;
            if (_repeatedHeaders == 1)
                _problems.Warning(row.Row, _layout.Headers[_layout.CityColumn], cityText, "repeated-header",
                    "the header row repeats inside the data (a page break of a printed table); such rows are skipped");
            return;
        }
        CheckWidth(row);
        CheckShort(row, cityCell);
        var yearText = _layout.YearColumn >= 0 ? row[_layout.YearColumn] : Cell.Empty;

        if (cityText.Length == 0)
        {
            if (!HasValues(row))
            {
                NoteRow(row);
                return;
            }
            _problems.Error(row.Row, _layout.Headers[_layout.CityColumn], "", "missing-city", "the city is empty but the row has values");
            return;
        }
        var city = cityCell.City;
        if (city is null)
        {
            if (cityCell.Kind == CityCellKind.Total)
            {
                SkippedRows++;
                _problems.Warning(row.Row, _layout.Headers[_layout.CityColumn], cityText, "total-row",
                    "a total or subtotal row, not a city: the row is skipped");
                return;
            }
            if (cityCell.Kind == CityCellKind.Province)
            {
                SkippedRows++;
                if (_provinceNames.Add(cityText))
                    _problems.Warning(row.Row, _layout.Headers[_layout.CityColumn], cityText, "province-row",
                        "a province (or its subtotal), not a city: the row is skipped");
                return;
            }
            if (cityCell.Kind == CityCellKind.Ambiguous && _cities.Ambiguous(cityText) is { } meanings)
            {
                _problems.Error(row.Row, _layout.Headers[_layout.CityColumn], cityText, "ambiguous-city",
                    $"the name may mean {string.Join(" or ", meanings.Select(m => $"{m.Id} ({m.NameZh})"))} or another city of that name; " +
                    "write the city id or the Chinese name");
                return;
            }
            // Without values it is a city-year with every value missing if the row has a year, else a note or label.
            if (!HasValues(row) && (_layout.YearColumn >= 0 ? !TryYear(yearText, out _) : !LooksLikeCityName(cityText)))
            {
                NoteRow(row);
                return;
            }
            if (_unmatched.TryGetValue(cityText, out var seen)) _unmatched[cityText] = (seen.FirstRow, seen.Rows + 1);
            else
            {
                _unmatched[cityText] = (row.Row, 1);
                var candidates = _cities.Closest(cityText);
                _problems.Warning(row.Row, _layout.Headers[_layout.CityColumn], cityText, "unknown-city",
                    "the city is not in the dataset's cities file or the built-in registry; its rows are kept with region 'unknown'" +
                    (candidates.Count > 0 ? $"; closest: {string.Join(", ", candidates)}" : ""));
            }
        }
        else _matched.Add(city.Id);
        var cityId = city?.Id ?? cityCell.Text;
        DataRows++;

        switch (_layout.Kind)
        {
            case LayoutKind.Panel:
            case LayoutKind.WideOneYear:
            {
                var year = _layout.Kind == LayoutKind.WideOneYear ? _layout.FixedYear : ReadYear(row, yearText);
                var values = new double?[_catalog.Count];
                for (var c = 0; c < _layout.ColumnIndicator.Length; c++)
                {
                    var indicator = _layout.ColumnIndicator[c];
                    if (indicator >= 0) values[indicator] = ReadValue(row, c, indicator, _columnFactor[c]);
                }
                if (year > 0) Emit(cityCell, cityId, year, values, row);
                break;
            }
            case LayoutKind.WideYears:
                for (var c = 0; c < _layout.ColumnYear.Length; c++)
                {
                    if (_layout.ColumnYear[c] == 0) continue;
                    var values = new double?[_catalog.Count];
                    values[_layout.FixedIndicator] = ReadValue(row, c, _layout.FixedIndicator, _columnFactor[c]);
                    if (values[_layout.FixedIndicator] is not null) Emit(cityCell, cityId, _layout.ColumnYear[c], values, row);
                }
                break;
            case LayoutKind.Long:
                ReadLong(row, cityId, yearText);
                break;
        }
    }

    private CityCell Classify(string cityText)
    {
        if (_cityCells.TryGetValue(cityText, out var known)) return known;
        CityCell cell;
        if (cityText.Length > 0 && NameKey.Of(cityText) == _headerCityKey) cell = new CityCell(CityCellKind.RepeatedHeader, null, cityText);
        else if (_cities.Find(cityText) is { } city) cell = new CityCell(CityCellKind.City, city, cityText);
        else if (_cities.IsProvince(cityText)) cell = new CityCell(CityCellKind.Province, null, cityText);
        else if (IsTotal(cityText)) cell = new CityCell(CityCellKind.Total, null, cityText);
        else if (_cities.Ambiguous(cityText) is not null) cell = new CityCell(CityCellKind.Ambiguous, null, cityText);
        else cell = new CityCell(CityCellKind.Unknown, null, cityText);
        if (_cityCells.Count < 100_000) _cityCells[cityText] = cell;
        return cell;
    }

    /// <summary>A short name, not a sentence, source note or link ("摘编自《中国城市统计年鉴2015》", "Note: ...", a URL).</summary>
    private static bool LooksLikeCityName(string text) =>
        text.Length <= 24 && text.IndexOfAny(['《', '》', ':', '：', '/', '@', '，', '。', '【', '】']) < 0
        && !text.StartsWith("note", StringComparison.OrdinalIgnoreCase) && !text.StartsWith('注')
        && !text.StartsWith("数据来源", StringComparison.Ordinal) && !text.StartsWith("资料来源", StringComparison.Ordinal)
        && !text.StartsWith("更多", StringComparison.Ordinal) && !text.StartsWith("source", StringComparison.OrdinalIgnoreCase);

    /// <summary>"合计", "全国", "城市合计", "Total": sums of the rows around them.</summary>
    private static bool IsTotal(string name)
    {
        var key = NameKey.Of(name);
        return key is "全国" or "总计" or "合计" or "total" or "sum" or "all" || key.EndsWith("合计", StringComparison.Ordinal)
            || key.EndsWith("总计", StringComparison.Ordinal) || key.StartsWith("total", StringComparison.Ordinal);
    }

    private void ReadLong(TabularRow row, string cityId, Cell yearText)
    {
        var year = ReadYear(row, yearText);
        var name = row[_layout.IndicatorNameColumn].Display;
        var indicator = _catalog.IndexOf(name);
        if (indicator < 0) indicator = _matcher.Match(name);
        if (indicator < 0)
        {
            if (name.Length == 0) _problems.Error(row.Row, _layout.Headers[_layout.IndicatorNameColumn], "", "missing-indicator", "the indicator is empty");
            else if (_unknownIndicators.Add(name))
                _problems.Warning(row.Row, _layout.Headers[_layout.IndicatorNameColumn], name, "unknown-indicator",
                    "not an indicator of the catalog; its rows are ignored");
            return;
        }
        var factor = _columnFactor[_layout.ValueColumn];
        var value = ReadValue(row, _layout.ValueColumn, indicator, factor);
        if (year == 0) return;
        var key = (cityId, year, indicator);
        if (_longFirstRow!.TryGetValue(key, out var first))
        {
            _problems.Error(row.Row, _layout.Headers[_layout.IndicatorNameColumn], name, "duplicate-observation",
                $"{cityId} {year} {_catalog.Indicators[indicator].Id} already appears in row {first}");
            return;
        }
        _longFirstRow.Add(key, row.Row);
        if (!_longRows!.TryGetValue((cityId, year), out var values))
        {
            _longRows[(cityId, year)] = values = new double?[_catalog.Count];
            _years.Add(year);
        }
        values[indicator] = value;
    }

    /// <summary>Hands out the observations gathered from a long table, once every row is read.</summary>
    public void Finish()
    {
        if (_longRows is not null)
            foreach (var ((city, year), values) in _longRows.OrderBy(r => r.Key.Year).ThenBy(r => r.Key.City, StringComparer.Ordinal))
                Deliver(new ObservationRow(city, year, values));
        foreach (var ((column, indicatorIndex), (firstRow, count, value)) in _implausible)
        {
            var indicator = _catalog.Indicators[indicatorIndex];
            _problems.Warning(firstRow, _layout.Headers[column], value, "implausible-value",
                $"{count} value(s) lie outside the plausible range [{indicator.Min?.ToString() ?? "−∞"}, {indicator.Max?.ToString() ?? "∞"}] " +
                $"declared for '{indicator.Id}' in the catalog (first in row {firstRow}); they are kept");
        }
        if (_layout.Kind is LayoutKind.Panel or LayoutKind.Long && _layout.FileNameYear is { } nameYear && _years.Count > 0 && !_years.Contains(nameYear))
            _problems.Warning(0, _layout.Headers[_layout.YearColumn], null, "name-year-mismatch",
                $"the file name says {nameYear} but its rows hold {(_years.Count == 1 ? _years.Min.ToString() : $"{_years.Min}–{_years.Max}")}; " +
                "the years of the rows are used: check that this is the intended file");
        if (_shortRows is var (shortRow, shortCount, fields))
            _problems.Warning(shortRow, null, null, "short-row",
                $"{shortCount} row(s) have fewer fields than the header (row {shortRow}: {fields} of {_headerWidth}); their last cells are " +
                "read as missing. Excel drops trailing empty fields when saving CSV, but a separator missing inside a row shifts its values: check the rows");
        foreach (var (column, (firstRow, count)) in _missing)
            _problems.Warning(firstRow, _layout.Headers[column], "", "missing-value",
                $"{count} cell(s) of this column are empty or marked missing (first in row {firstRow}); the assessment imputes them " +
                "(config.json 'impute', linear by default)");
    }

    /// <summary>What the readers of one file (one per sheet read) found, added up.</summary>
    public static ReadSummary Summarise(IReadOnlyList<TableReader> readers, ReadSummary start) => start with
    {
        DataRows = readers.Sum(r => r.DataRows),
        SkippedRows = readers.Sum(r => r.SkippedRows),
        Observations = readers.Sum(r => r._observations),
        Years = readers.SelectMany(r => r._years).Distinct().Order().ToList(),
        CitiesMatched = readers.SelectMany(r => r._matched).Distinct(StringComparer.Ordinal).Count(),
        UnmatchedCities = readers.SelectMany(r => r._unmatched.Select(u => (Reader: r, Name: u.Key, u.Value.FirstRow, u.Value.Rows)))
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g => new UnmatchedCity(g.Key, g.First().FirstRow, g.Sum(u => u.Rows), g.First().Reader._cities.Closest(g.Key))).ToList(),
    };

    private void Emit(CityCell cell, string cityId, int year, double?[] values, TabularRow row)
    {
        // Cached on the city cell: one small dictionary lookup per row, several spellings of a city share it.
        if (cell.FirstRows is not { } firstRows)
        {
            if (!_firstRows.TryGetValue(cityId, out firstRows)) _firstRows[cityId] = firstRows = new YearRows();
            cell.FirstRows = firstRows;
        }
        if (firstRows.FirstRow(year) is { } first)
        {
            _problems.Error(row.Row, _layout.Headers[_layout.CityColumn], cell.Text, "duplicate-city-year",
                $"{cityId} {year} already appears in row {first}");
            return;
        }
        firstRows.Add(year, row.Row);
        _years.Add(year);
        Deliver(new ObservationRow(cityId, year, values));
    }

    private void Deliver(ObservationRow observation)
    {
        _observations++;
        if (_problems.ErrorCount > 0) return;
        if (_options.OnRow is { } onRow)
        {
            try
            {
                onRow(observation);
            }
            catch (Exception e)
            {
                throw new RowReceiverException(e);
            }
        }
        else _collected.Add(observation);
    }

    private int ReadYear(TabularRow row, Cell cell)
    {
        if (TryYear(cell, out var year)) return year;
        var header = _layout.Headers[_layout.YearColumn];
        // Dates in the year column: pandas datetime years, Parquet DATE/TIMESTAMP, cells formatted as dates.
        if (cell.Number is null && DateOnly.TryParseExact(cell.Display, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date))
        {
            if (date.Year is >= 1950 and <= 2100)
            {
                if (!_dateYearsReported)
                {
                    _dateYearsReported = true;
                    _problems.Warning(row.Row, header, cell.Display, "year-from-date", "the year column holds dates; the calendar year of each is used");
                }
                return date.Year;
            }
            _problems.Error(row.Row, header, cell.Display, "invalid-year",
                "the cell is a date outside 1950–2100, not a year of the data: probably a year number formatted as a date; format the year column as numbers");
            return 0;
        }
        if (cell.IsEmpty) _problems.Error(row.Row, header, "", "missing-year", "the year is empty");
        else _problems.Error(row.Row, header, cell.Display, "invalid-year", "the year is not a whole number between 1900 and 2100");
        return 0;
    }

    private static bool TryYear(Cell cell, out int year) =>
        cell.Number is { } n ? NumberConventions.TryYear(n, out year) : NumberConventions.TryParseYear(cell.Display, out year);

    private double? ReadValue(TabularRow row, int column, int indicator, double factor)
    {
        var cell = row[column];
        double value;
        if (cell.Number is { } number)
        {
            if (double.IsNaN(number))
            {
                // pandas and Spark write missing values as NaN.
                CountMissing(column, row.Row);
                return null;
            }
            value = number;
        }
        else
        {
            var text = cell.Text ?? "";
            if (NumberConventions.IsMissing(text))
            {
                CountMissing(column, row.Row);
                return null;
            }
            if (text.Contains('\uFFFD'))
            {
                _problems.Error(row.Row, _layout.Headers[column], text, "invalid-encoding",
                    "the cell holds bytes that are not valid in the file's encoding (detected from its start); save the file as UTF-8");
                return null;
            }
            if (!_numbers.TryParse(text, out value))
            {
                _problems.Error(row.Row, _layout.Headers[column], text.Trim(), "non-numeric",
                    _numbers.DecimalComma ? "the value is not a number (this file writes decimals with a comma)" : "the value is not a number");
                return null;
            }
        }
        if (!double.IsFinite(value))
        {
            _problems.Error(row.Row, _layout.Headers[column], cell.Display, "non-finite", "the value is not a finite number");
            return null;
        }
        if (_layout.UnitColumn >= 0 && _options.UnitFactor is { } unitFactor && row[_layout.UnitColumn].Display is { Length: > 0 } unit)
        {
            if (unitFactor(unit) is { } rowFactor) factor = rowFactor;
            else _problems.Error(row.Row, _layout.Headers[_layout.UnitColumn], unit, "unknown-unit", "the unit is not known");
        }
        value *= factor;
        if (Math.Abs(value) > NumberConventions.MaxMagnitude)
        {
            _problems.Error(row.Row, _layout.Headers[column], cell.Display, "value-too-large",
                $"the value's magnitude is above {NumberConventions.MaxMagnitude:0e0}, beyond any real indicator; check the cell and its unit");
            return null;
        }
        if (value < 0 && _options.NegativeIsError)
        {
            _problems.Error(row.Row, _layout.Headers[column], cell.Display, "negative-value", "the value cannot be negative");
            return null;
        }
        var declared = _catalog.Indicators[indicator];
        if (value < declared.Min || value > declared.Max)
        {
            _implausible[(column, indicator)] = _implausible.TryGetValue((column, indicator), out var seen)
                ? (seen.FirstRow, seen.Count + 1, seen.Value) : (row.Row, 1, cell.Display);
        }
        return value;
    }

    private void CountMissing(int column, long row) =>
        _missing[column] = _missing.TryGetValue(column, out var seen) ? (seen.FirstRow, seen.Count + 1) : (row, 1);

    private bool HasValues(TabularRow row)
    {
        for (var c = 0; c < row.Cells.Length; c++)
        {
            var holdsValues = _layout.Kind switch
            {
                LayoutKind.Long => c == _layout.ValueColumn,
                LayoutKind.WideYears => _layout.ColumnYear[c] > 0,
                _ => _layout.ColumnIndicator[c] >= 0,
            };
            if (!holdsValues) continue;
            var cell = row.Cells[c];
            if (cell.Number is { } n && !double.IsNaN(n)) return true;
            if (cell.Text is { } text && _numbers.TryParse(text, out _)) return true;
        }
        return false;
    }

    /// <summary>A note, footer or watermark line inside the data range ("Note: ...", "更多数据，关注...", a URL).</summary>
    private void NoteRow(TabularRow row)
    {
        SkippedRows++;
        var text = row.Cells.Select(c => c.Display).FirstOrDefault(t => t.Length > 0) ?? "";
        _problems.Warning(row.Row, null, text, "not-a-data-row",
            "the row has no values and no known city (a note, footer, watermark or label?); it is skipped");
    }

    /// <summary>A city's row of delimited text with fewer fields than the header: counted, reported once at the end.</summary>
    private void CheckShort(TabularRow row, CityCell city)
    {
        if (!_fixedWidthRows || city.Kind != CityCellKind.City || row.Cells.Length >= _headerWidth) return;
        _shortRows = _shortRows is var (first, count, fields) ? (first, count + 1, fields) : (row.Row, 1, row.Cells.Length);
    }

    /// <summary>Cells right of the header's last column: an error in delimited text, a note in a workbook.</summary>
    private void CheckWidth(TabularRow row)
    {
        if (row.Cells.Length <= _headerWidth) return;
        var extra = Array.FindIndex(row.Cells, _headerWidth, c => !c.IsEmpty);
        if (extra < 0) return;
        if (_fixedWidthRows)
            _problems.Error(row.Row, null, row.Cells[extra].Display, "extra-fields",
                $"the row has {row.Cells.Length} fields, the header {_headerWidth} (an unquoted separator inside a value?)");
        else if (!_strayCellReported)
        {
            _strayCellReported = true;
            _problems.Warning(row.Row, $"column {extra + 1}", row.Cells[extra].Display, "stray-cell",
                "a cell right of the table (a note?) is ignored; the first such cell is reported");
        }
    }

}
