namespace Ninsho.Storage;

/// <summary>The kinds of <see cref="StoredPoolResource"/> the features keep; backups copy every kind listed here.</summary>
public static class PoolResourceKinds
{
    public const string IdentityProvider = "identity-provider";

    public static IReadOnlyList<string> All { get; } = [IdentityProvider];
}
