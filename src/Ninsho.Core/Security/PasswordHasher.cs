using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Ninsho.Core.Diagnostics;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Security;

/// <summary>PBKDF2-HMAC-SHA256 password hashes in a self-describing PHC-style format:
/// <c>$pbkdf2-sha256$i=600000$&lt;salt&gt;$&lt;hash&gt;</c>, salt and hash in standard Base64 without padding.</summary>
internal sealed class PasswordHasher : IDisposable
{
    private const string Prefix = "$pbkdf2-sha256$i=";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Limits on what Verify accepts from a stored string, so that a corrupt row cannot make one sign-in
    // burn minutes of CPU or allocate without bound.
    private const int MaxIterations = 10_000_000;
    private const int MaxSaltBytes = 64;
    private const int MinHashBytes = 16;
    private const int MaxHashBytes = 64;
    private const int MaxEncodedLength = 256;

    private readonly int _iterations;
    private readonly SemaphoreSlim _gate = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly int _admissionLimit;
    private readonly ICallerPresence? _caller;
    private readonly string _decoyHash;
    private int _admitted;
    private long _verifications;

    public PasswordHasher(PasswordHasherOptions? options = null, ICallerPresence? caller = null)
    {
        _caller = caller;
        _iterations = options?.Iterations ?? PasswordHasherOptions.DefaultIterations;
        if (_iterations is < 1 or > MaxIterations)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _iterations, $"Iterations must be between 1 and {MaxIterations}.");
        }

        var queue = options?.MaxQueued ?? PasswordHasherOptions.DefaultMaxQueued;
        if (queue < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), queue, "The hash queue bound cannot be negative.");
        }

        _admissionLimit = Environment.ProcessorCount + queue;

        // A hash of no password: random salt and random "hash" bytes at today's cost. Verifying anything against it
        // costs exactly what a real user's check costs, and it never matches (2^-256).
        _decoyHash = string.Concat(
            Prefix,
            _iterations.ToString(CultureInfo.InvariantCulture),
            "$",
            ToBase64NoPadding(RandomNumberGenerator.GetBytes(SaltBytes)),
            "$",
            ToBase64NoPadding(RandomNumberGenerator.GetBytes(HashBytes)));
    }

    /// <summary>How many password verifications (real or decoy) this hasher has run: a diagnostic, and what tests
    /// count to prove that an unknown user costs the same work as a known one.</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        Span<byte> hash = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, hash, _iterations, HashAlgorithmName.SHA256);
        return string.Concat(
            Prefix,
            _iterations.ToString(CultureInfo.InvariantCulture),
            "$",
            ToBase64NoPadding(salt),
            "$",
            ToBase64NoPadding(hash));
    }

    /// <summary>True when <paramref name="password"/> matches; false for a wrong password and for any hash
    /// string this class cannot read. Never throws for bad input.</summary>
    public bool Verify(string password, string hash)
    {
        if (password is null || !TryParse(hash, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[expected.Length];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, actual, iterations, HashAlgorithmName.SHA256);
        _ = Interlocked.Increment(ref _verifications);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary><see cref="Hash"/> behind the gate that runs at most one slow hash per core at a time.</summary>
    public async Task<string> HashAsync(string password, CancellationToken ct)
    {
        await EnterGateAsync(ct);
        using var span = NinshoTelemetry.StartSpan("password hash");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return Hash(password);
        }
        finally
        {
            RecordHash(HashOperation, started);
            LeaveGate();
        }
    }

    /// <summary><see cref="Verify"/> behind the same gate. Under overload, sign-ins then queue and finish in arrival
    /// order at the full hashing rate, instead of all sharing the CPU and all finishing late (and starving the
    /// thread pool that cheap requests need).</summary>
    public async Task<bool> VerifyAsync(string password, string hash, CancellationToken ct)
    {
        await EnterGateAsync(ct);
        using var span = NinshoTelemetry.StartSpan("password verify");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return Verify(password, hash);
        }
        finally
        {
            RecordHash(VerifyOperation, started);
            LeaveGate();
        }
    }

    private static readonly KeyValuePair<string, object?> HashOperation = new("operation", "hash");
    private static readonly KeyValuePair<string, object?> VerifyOperation = new("operation", "verify");

    private static void RecordHash(KeyValuePair<string, object?> operation, long started)
    {
        if (NinshoTelemetry.HashDuration.Enabled)
        {
            NinshoTelemetry.HashDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, operation);
        }
    }

    /// <summary>The work of <see cref="VerifyAsync"/> for a user who has no password hash (or does not exist):
    /// the same gate, the same PBKDF2 at today's cost, against a hash nothing matches. Always false. Used where
    /// answering sooner would tell an unknown user from a known one by the response time
    /// (docs/security-timing-and-srp.md).</summary>
    public async Task<bool> VerifyDecoyAsync(string password, CancellationToken ct)
    {
        _ = await VerifyAsync(password, _decoyHash, ct);
        return false;
    }

    /// <summary>Waits for a free core, then checks that somebody still wants the answer: a request that waited in
    /// the queue may have been given up by its caller, and Kestrel does not report a closed HTTP/1.1 connection
    /// while the request is being handled. When the queue is already at its bound, answers
    /// TooManyRequestsException at once instead of waiting: an unbounded queue lets a flood hold memory and make
    /// every caller's sign-in late.</summary>
    private async Task EnterGateAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _admitted) > _admissionLimit)
        {
            _ = Interlocked.Decrement(ref _admitted);
            NinshoTelemetry.HashRejected.Add(1);
            throw CognitoErrors.TooManyRequests();
        }

        var waitStarted = Stopwatch.GetTimestamp();
        NinshoTelemetry.HashQueue.Add(1);
        try
        {
            await _gate.WaitAsync(ct);
        }
        catch
        {
            _ = Interlocked.Decrement(ref _admitted);
            throw;
        }
        finally
        {
            NinshoTelemetry.HashQueue.Add(-1);
            if (NinshoTelemetry.HashWait.Enabled)
            {
                NinshoTelemetry.HashWait.Record(Stopwatch.GetElapsedTime(waitStarted).TotalSeconds);
            }
        }

        if (_caller?.HasLeft() == true)
        {
            LeaveGate();
            throw new CallerLeftException();
        }
    }

    private void LeaveGate()
    {
        _ = _gate.Release();
        _ = Interlocked.Decrement(ref _admitted);
    }

    /// <summary>True when <paramref name="hash"/> is readable but weaker than what <see cref="Hash"/> writes now
    /// (fewer iterations, or another salt or hash size). False for an unreadable hash: it can never verify, so
    /// there is never a moment to rehash it.</summary>
    public bool NeedsRehash(string hash)
    {
        return TryParse(hash, out var iterations, out var salt, out var expected)
            && (iterations < _iterations || salt.Length != SaltBytes || expected.Length != HashBytes);
    }

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        if (encoded is null || encoded.Length > MaxEncodedLength || !encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // After the prefix: "<iterations>$<salt>$<hash>".
        var rest = encoded.AsSpan(Prefix.Length);
        var first = rest.IndexOf('$');
        if (first <= 0)
        {
            return false;
        }

        var iterationText = rest[..first];
        rest = rest[(first + 1)..];
        var second = rest.IndexOf('$');
        if (second <= 0 || rest[(second + 1)..].Contains('$'))
        {
            return false;
        }

        if (iterationText[0] == '0'
            || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations > MaxIterations)
        {
            return false;
        }

        return TryFromBase64NoPadding(rest[..second], out salt)
            && salt.Length is > 0 and <= MaxSaltBytes
            && TryFromBase64NoPadding(rest[(second + 1)..], out hash)
            && hash.Length is >= MinHashBytes and <= MaxHashBytes;
    }

    private static string ToBase64NoPadding(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromBase64NoPadding(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || text.Length % 4 == 1 || text.ContainsAny('=', ' '))
        {
            return false;
        }

        var padded = text.Length % 4 == 0 ? text.ToString() : string.Concat(text, new string('=', 4 - (text.Length % 4)));
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    public void Dispose() => _gate.Dispose();
}
