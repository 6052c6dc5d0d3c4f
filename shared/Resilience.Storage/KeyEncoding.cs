namespace Resilience.Storage;

/// <summary>Table keys built from user text: escaped so '/', '\', '#', '?' and control characters never reach a key.</summary>
public static class KeyEncoding
{
    public const char Separator = '|';

    public static string Encode(string text) => Uri.EscapeDataString(text).Replace("|", "%7C", StringComparison.Ordinal);

    public static string Year(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static string Join(params string[] parts) => string.Join(Separator, parts);

    /// <summary>Upper bound (exclusive) of the keys that start with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix) => prefix + '~';
}
