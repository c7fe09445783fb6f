namespace Ninsho.Core.Tokens;

/// <summary>The <see cref="Rs256Signer"/>s of one key: each signature rents one that no other signature is using and
/// returns it after. At most <see cref="Slots"/> idle signers are kept, so a key's memory does not grow with the number
/// of threads that have signed with it (bench/README.md, "Signers kept per key"). Thread-safe.</summary>
internal sealed class Rs256SignerPool
{
    private readonly byte[] _pkcs8;
    private readonly Rs256Signer?[] _idle;
    private int _created;

    public Rs256SignerPool(byte[] pkcs8, int slots)
    {
        ArgumentNullException.ThrowIfNull(pkcs8);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _pkcs8 = pkcs8;
        _idle = new Rs256Signer?[slots];
    }

    /// <summary>Two per core, at least four: a signer stays out while its thread is preempted mid-signature, and
    /// the threads that run meanwhile should still find an idle one rather than import another key object.</summary>
    public static int DefaultSlots { get; } = Math.Max(4, 2 * Environment.ProcessorCount);

    public int Slots => _idle.Length;

    /// <summary>How many signers (key objects) this pool has imported so far.</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>How many signers are idle in the pool now.</summary>
    public int Idle
    {
        get
        {
            var idle = 0;
            for (var i = 0; i < _idle.Length; i++)
            {
                idle += Volatile.Read(ref _idle[i]) is null ? 0 : 1;
            }

            return idle;
        }
    }

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
    internal Rs256Signer Rent()
    {
        var start = StartSlot();
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.Exchange(ref _idle[(start + i) % _idle.Length], null) is { } idle)
            {
                return idle;
            }
        }

        _ = Interlocked.Increment(ref _created);
        return Rs256Signer.Create(_pkcs8);
    }

    /// <summary>Puts <paramref name="signer"/> back in a free slot, or releases its key object when every slot is
    /// taken.</summary>
    internal void Return(Rs256Signer signer)
    {
        var start = StartSlot();
        for (var i = 0; i < _idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _idle[(start + i) % _idle.Length], signer, null) is null)
            {
                return;
            }
        }

        signer.Dispose();
    }

    // Threads on different cores start their search at different slots, so they rarely touch the same one.
    private int StartSlot() => (int)((uint)Thread.GetCurrentProcessorId() % (uint)_idle.Length);
}
