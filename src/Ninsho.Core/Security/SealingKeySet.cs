namespace Ninsho.Core.Security;

/// <summary>The generations of one cluster sealing key as a node last read them.</summary>
internal sealed class SealingKeySet
{
    public SealingKeySet(string name, IReadOnlyList<SealingKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("A sealing key has at least one generation.", nameof(keys));
        }

        Name = name;
        Keys = keys.OrderBy(k => k.Id).ToArray();
    }

    public string Name { get; }

    /// <summary>By id, oldest first.</summary>
    public IReadOnlyList<SealingKey> Keys { get; }

    /// <summary>The newest generation active at <paramref name="now"/> (the oldest when none is yet): what new seals use.</summary>
    public SealingKey Primary(DateTimeOffset now)
    {
        var primary = Keys[0];
        foreach (var key in Keys)
        {
            if (key.ActiveAt <= now)
            {
                primary = key;
            }
        }

        return primary;
    }

    public SealingKey? Find(uint id)
    {
        foreach (var key in Keys)
        {
            if (key.Id == id)
            {
                return key;
            }
        }

        return null;
    }
}
