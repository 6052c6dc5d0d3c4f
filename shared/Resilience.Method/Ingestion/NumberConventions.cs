using System.Globalization;

namespace Resilience.Method.Ingestion;

/// <summary>
/// How the text cells of one file write numbers: decimal point or decimal comma, and which thousands separators
/// may appear. Also the missing-value markers every file may use.
/// </summary>
public sealed record NumberConventions(bool DecimalComma)
{
    public static readonly NumberConventions Invariant = new(false);
    public static readonly NumberConventions Comma = new(true);

    private static readonly HashSet<string> MissingMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "NA", "N/A", "n.a.", "NaN", "null", "None", "nil", "-", "--", "—", "–", "..", "...", "…", "&nbsp;", "无", "缺失",
        "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!", "#GETTING_DATA", "#SPILL!", "#CALC!",
    };

    /// <summary>
    /// Largest magnitude an observation may have. No city indicator or emission comes near it in any unit people use
    /// (a city's GDP in yuan is ~1e13); far beyond it the assessment's differences and interpolations overflow.
    /// </summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Empty, NA, N/A, -, —, .., … and the Excel error strings mean a missing value.</summary>
    public static bool IsMissing(string text) => MissingMarkers.Contains(text.Trim());

    /// <summary>
    /// A finite number written with this file's conventions: surrounding spaces (also no-break and ideographic),
    /// thousands separators in groups of three, a leading '+', a trailing '%' (the number is kept as written).
    /// </summary>
    public bool TryParse(string text, out double value)
    {
        var s = text.Trim();
        if (s.EndsWith('%')) s = s[..^1].TrimEnd();
        if (s.Length == 0 || s.Length > 64)
        {
            value = 0;
            return false;
        }
        if (s.IndexOf(',') >= 0 || s.IndexOf(' ') >= 0 || s.IndexOf('\u00A0') >= 0 || s.IndexOf('\u202F') >= 0 || s.IndexOf('\'') >= 0
            || (DecimalComma && s.IndexOf('.') >= 0))
        {
            if (!TryNormaliseSeparators(s, out s))
            {
                value = 0;
                return false;
            }
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Rewrites "1,234,567.5" (or "1.234.567,5" / "1 234 567,5" with a decimal comma) as "1234567.5".</summary>
    private bool TryNormaliseSeparators(string s, out string normalised)
    {
        var decimalMark = DecimalComma ? ',' : '.';
        var integerEnd = s.IndexOf(decimalMark);
        if (integerEnd >= 0 && s.IndexOf(decimalMark, integerEnd + 1) >= 0)
        {
            normalised = s;
            return false;
        }
        var integerPart = integerEnd >= 0 ? s[..integerEnd] : s;
        var fraction = integerEnd >= 0 ? s[(integerEnd + 1)..] : "";
        if (fraction.Any(c => !char.IsAsciiDigit(c) && c is not 'e' and not 'E' and not '-' and not '+'))
        {
            normalised = s;
            return false;
        }
        // Integer part: optional sign, then digit groups separated by one kind of separator, groups after the first of three digits.
        var sign = integerPart.Length > 0 && integerPart[0] is '-' or '+' ? integerPart[..1] : "";
        var digits = integerPart[sign.Length..];
        var separator = digits.FirstOrDefault(c => !char.IsAsciiDigit(c));
        if (separator != default)
        {
            var allowed = DecimalComma ? ". \u00A0\u202F'" : ", \u00A0\u202F'";
            var groups = digits.Split(separator);
            if (allowed.IndexOf(separator) < 0 || groups[0].Length is < 1 or > 3
                || groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit)) || groups.Skip(1).Any(g => g.Length != 3))
            {
                normalised = s;
                return false;
            }
            digits = string.Concat(groups);
        }
        normalised = sign + digits + (integerEnd >= 0 ? "." + fraction : "");
        return true;
    }

    /// <summary>"2019", "2019.0" (pandas float export), "2019年", "C2019", "Y2019": a year between 1900 and 2100.</summary>
    public static bool TryParseYear(string text, out int year)
    {
        var s = text.Trim();
        if (s.EndsWith('年')) s = s[..^1];
        if (s.Length == 5 && s[0] is 'C' or 'c' or 'Y' or 'y') s = s[1..];
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return TryYear(number, out year);
        year = 0;
        return false;
    }

    public static bool TryYear(double number, out int year)
    {
        if (number == Math.Floor(number) && number is >= 1900 and <= 2100)
        {
            year = (int)number;
            return true;
        }
        year = 0;
        return false;
    }
}
