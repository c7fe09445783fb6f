namespace Ninsho.Server.Quotas;

/// <summary>One request-rate quota: <paramref name="Name"/> as AWS names it, and the requests per second that all
/// operations in it may make together, across all pools (one bucket for the whole server).</summary>
/// <param name="Name">The category (user pools) or operation (identity pools) name.</param>
/// <param name="RequestsPerSecond">The default quota.</param>
/// <param name="CapsEachOperationPerPool">True when, besides the category's quota, each of its operations is held to
/// <see cref="CognitoQuotaTable.PerPoolOperationPerSecond"/> in one user pool.</param>
internal sealed record QuotaCategory(string Name, int RequestsPerSecond, bool CapsEachOperationPerPool = false);
