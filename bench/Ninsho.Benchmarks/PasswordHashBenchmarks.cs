using BenchmarkDotNet.Attributes;
using Ninsho.Core.Security;

namespace Ninsho.Benchmarks;

/// <summary>PBKDF2-HMAC-SHA256 at the default cost (600,000 iterations: the ceiling of password sign-ins is
/// cores ÷ this time), at the test-suite cost (1,000) and with the test-only fast hash (1 iteration).</summary>
[MemoryDiagnoser]
public class PasswordHashBenchmarks : IDisposable
{
    private const string Password = "Bench-1-pW1!";

    private PasswordHasher _hasher = null!;
    private string _hash = null!;

    [Params(1, 1_000, 600_000)]
    public int Iterations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new PasswordHasher(new PasswordHasherOptions { Iterations = Iterations });
        _hash = _hasher.Hash(Password);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _hasher?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>AdminSetUserPassword, and the rehash on sign-in.</summary>
    [Benchmark]
    public string Hash() => _hasher.Hash(Password);

    /// <summary>Every USER_PASSWORD_AUTH sign-in.</summary>
    [Benchmark]
    public bool Verify() => _hasher.Verify(Password, _hash);
}
