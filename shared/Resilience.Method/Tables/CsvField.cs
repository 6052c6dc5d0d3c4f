using System.Globalization;

namespace Resilience.Method.Tables;

/// <summary>One text field of a CSV file that people open in a spreadsheet.</summary>
public static class CsvField
{
    /// <summary>
    /// Quoted where RFC 4180 needs it (separator, quote, line break) or spaces at either end would be lost. Text that a
    /// spreadsheet would run as a formula (=, +, -, @ first; the text comes from uploaded files) gets a leading
    /// apostrophe, as OWASP advises against CSV injection; plain numbers such as -3 stay as they are.
    /// </summary>
    public static string Escape(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 || text.StartsWith(' ') || text.EndsWith(' ')
            ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
