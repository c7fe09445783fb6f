using Microsoft.Extensions.ObjectPool;

namespace Ninsho.Core.Tokens;

/// <summary>The <see cref="Rs256Signer"/>s of one key: each signature rents one that no other signature is using and
/// returns it after. At most <see cref="Slots"/> idle signers are kept; one returned to a full pool is disposed. So a
/// key's memory does not grow with the number of threads that have signed with it (bench/README.md, "Signers kept per
/// key"). Thread-safe: the pooling is Microsoft.Extensions.ObjectPool's.</summary>
internal sealed class Rs256SignerPool
{
    private readonly ObjectPool<Rs256Signer> _signers;
    private readonly SignerPolicy _policy;

    public Rs256SignerPool(byte[] pkcs8, int slots)
    {
        ArgumentNullException.ThrowIfNull(pkcs8);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
        _policy = new SignerPolicy(pkcs8);
        // For an IDisposable type the provider's pool disposes what it does not keep.
        _signers = new DefaultObjectPoolProvider { MaximumRetained = slots }.Create(_policy);
    }

    /// <summary>Two per core, at least four: a signer stays out while its thread is preempted mid-signature, and
    /// the threads that run meanwhile should still find an idle one rather than import another key object.</summary>
    public static int DefaultSlots { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>How many idle signers the pool keeps at most.</summary>
    public int Slots { get; }

    /// <summary>How many signers (key objects) this pool has imported so far.</summary>
    public int Created => Volatile.Read(ref _policy.Created);

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = Rent();
        try
        {
            return signer.Sign(data);
        }
        finally
        {
            Return(signer);
        }
    }

    /// <summary>An idle signer, or a new one when none is idle. Nothing else uses it until <see cref="Return"/>.</summary>
    internal Rs256Signer Rent() => _signers.Get();

    /// <summary>Puts <paramref name="signer"/> back, or disposes it when the pool already keeps <see cref="Slots"/>.</summary>
    internal void Return(Rs256Signer signer) => _signers.Return(signer);

    private sealed class SignerPolicy(byte[] pkcs8) : IPooledObjectPolicy<Rs256Signer>
    {
        public int Created;

        public Rs256Signer Create()
        {
            var signer = Rs256Signer.Create(pkcs8);
            _ = Interlocked.Increment(ref Created);
            return signer;
        }

        // A signer keeps no state between signatures.
        public bool Return(Rs256Signer obj) => true;
    }
}
