using System.Text.RegularExpressions;

namespace Resilience.Storage;

/// <summary>Dataset names are the first folder of a blob path and part of table keys: a short slug.</summary>
public static partial class DatasetName
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public const string Rule = "1–63 letters, digits, '-' or '_', starting with a letter or digit";
}
