using System.Collections.Concurrent;

namespace Resilience.Storage;

/// <summary>
/// A small thread-safe cache for immutable values. When full it is emptied and refilled by use: simple, and good
/// enough for result versions whose hot set is far below the capacity.
/// </summary>
public sealed class BoundedCache<T>(int capacity)
{
    private readonly ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);

    public bool TryGet(string key, out T value) => _items.TryGetValue(key, out value!);

    public void Set(string key, T value)
    {
        if (_items.Count >= capacity) _items.Clear();
        _items[key] = value;
    }
}
