using Azure.Data.Tables;

namespace Resilience.Storage;

/// <summary>
/// Long text in a table entity: a string property holds at most 64 KiB (32 K UTF-16 characters), so longer text is
/// split over numbered properties. The whole entity must stay under 1 MiB, which Azurite does not enforce: we do.
/// </summary>
public static class TableText
{
    private const int CharsPerProperty = 30_000;
    private const int MaxProperties = 15;

    /// <summary>The most characters one entity holds (about 900 KB as UTF-16).</summary>
    public const int MaxChars = CharsPerProperty * MaxProperties;

    public static void Write(TableEntity entity, string name, string text)
    {
        var parts = (text.Length + CharsPerProperty - 1) / CharsPerProperty;
        if (parts > MaxProperties)
            throw new InvalidOperationException($"'{name}' holds {text.Length:N0} characters, more than one table entity can store.");
        entity[name + "Parts"] = Math.Max(parts, 1);
        for (var i = 0; i < Math.Max(parts, 1); i++)
            entity[i == 0 ? name : $"{name}{i}"] = text.Length == 0 ? "" : text.Substring(i * CharsPerProperty, Math.Min(CharsPerProperty, text.Length - i * CharsPerProperty));
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first) return null;
        var parts = entity.GetInt32(name + "Parts") ?? 1;
        if (parts == 1) return first;
        return string.Concat(Enumerable.Range(0, parts).Select(i => i == 0 ? first : entity.GetString($"{name}{i}")));
    }
}
