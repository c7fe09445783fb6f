namespace Ninsho.Storage.Internal;

/// <summary>The provider list (<see cref="StoredIdentity.Logins"/>) of an identity that took over another's logins:
/// its own providers in link order, then the other's that it did not have.</summary>
internal static class IdentityLoginLists
{
    public static IReadOnlyList<string> Merge(IReadOnlyList<string> destination, IReadOnlyList<string> source) =>
        [.. destination, .. source.Where(p => !destination.Contains(p, StringComparer.Ordinal))];
}
