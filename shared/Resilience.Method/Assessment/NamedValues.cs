using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Resilience.Method.Assessment;

/// <summary>
/// A small read-only map from a fixed, shared list of names (dimensions, weighting schemes) to values, in the order
/// of the names. One values array per instance instead of a hash table: the panel holds tens of thousands of them.
/// </summary>
internal sealed class NamedValues<T>(IReadOnlyList<string> names, T[] values) : IReadOnlyDictionary<string, T>
{
    public T this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not one of {string.Join(", ", names)}.");

    public IEnumerable<string> Keys => names;
    public IEnumerable<T> Values => values;
    public int Count => names.Count;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? values[index] : default;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
    {
        for (var i = 0; i < names.Count; i++) yield return new KeyValuePair<string, T>(names[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }
}
