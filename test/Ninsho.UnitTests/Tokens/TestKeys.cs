using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Tokens;
using Ninsho.Storage;

namespace Ninsho.UnitTests.Tokens;

/// <summary>RSA keys are slow to generate, so the token tests share these.</summary>
internal static class TestKeys
{
    public const string PoolA = "ap-northeast-1_abcDEF123";
    public const string PoolB = "ap-northeast-1_xyzXYZ789";

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly Lazy<IReadOnlyList<StoredSigningKey>> LazyA = new(() => SigningKeyFactory.CreatePair(PoolA, Clock));
    private static readonly Lazy<IReadOnlyList<StoredSigningKey>> LazyB = new(() => SigningKeyFactory.CreatePair(PoolB, Clock));

    /// <summary>Pool A's keys: [0] signs ID tokens, [1] access tokens.</summary>
    public static IReadOnlyList<StoredSigningKey> A => LazyA.Value;

    public static IReadOnlyList<StoredSigningKey> B => LazyB.Value;

    public static StoredSigningKey AIdKey => A[0];
    public static StoredSigningKey AAccessKey => A[1];
}
