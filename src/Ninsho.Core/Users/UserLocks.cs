namespace Ninsho.Core.Users;

/// <summary>One node's locks on users, striped: a user always maps to the same <see cref="SemaphoreSlim"/>, and two
/// users rarely share one. Held only while this node works on the user; other nodes are kept apart by the stores'
/// versioned writes.</summary>
internal sealed class UserLocks(int stripes)
{
    private readonly SemaphoreSlim?[] _stripes = new SemaphoreSlim?[stripes];

    /// <summary>The lock of one user (by pool and username key).</summary>
    public SemaphoreSlim For(string userPoolId, string usernameKey)
    {
        var index = (int)((uint)HashCode.Combine(userPoolId, usernameKey) % (uint)_stripes.Length);
        var stripe = Volatile.Read(ref _stripes[index]);
        if (stripe is not null)
        {
            return stripe;
        }

        var created = new SemaphoreSlim(1, 1);
        stripe = Interlocked.CompareExchange(ref _stripes[index], created, null);
        if (stripe is null)
        {
            return created;
        }

        created.Dispose();
        return stripe;
    }
}
