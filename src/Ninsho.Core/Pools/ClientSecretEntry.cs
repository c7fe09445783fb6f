namespace Ninsho.Core.Pools;

/// <summary>One current secret of an app client: its id (<c>&lt;client-id&gt;--&lt;epoch-ms&gt;</c>), value and
/// creation time in epoch milliseconds.</summary>
internal sealed record ClientSecretEntry(string Id, string Value, long CreatedMs)
{
    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeMilliseconds(CreatedMs);

    /// <summary>The model says ids follow <c>&lt;client-id&gt;--&lt;epoch-create-time&gt;</c>; the unit is not
    /// documented, milliseconds keep two secrets added in one second apart.</summary>
    public static ClientSecretEntry Create(string clientId, string value, DateTimeOffset at) =>
        new($"{clientId}--{at.ToUnixTimeMilliseconds()}", value, at.ToUnixTimeMilliseconds());
}
