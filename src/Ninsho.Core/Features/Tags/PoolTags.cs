using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.Tags;

/// <summary>Tags of user pools addressed by ARN. They are the pool's <c>UserPoolTags</c>, kept in its configuration,
/// so Describe/Update/CreateUserPool and the tag operations always agree.</summary>
internal sealed class PoolTags(UserPoolService pools)
{
    private const string PoolPrefix = ":userpool/";

    /// <summary>Cognito's quota of tags per user pool.</summary>
    public const int MaxTags = 50;

    /// <summary>The pool an ARN names, when the ARN is this server's ARN of an existing pool
    /// (<c>arn:aws:cognito-idp:&lt;region&gt;:&lt;account&gt;:userpool/&lt;id&gt;</c>).</summary>
    public async Task<UserPoolSettings> ResolveAsync(string resourceArn, CancellationToken ct)
    {
        var at = resourceArn.LastIndexOf(PoolPrefix, StringComparison.Ordinal);
        var poolId = at < 0 ? null : resourceArn[(at + PoolPrefix.Length)..];
        if (poolId is not { Length: > 0 } || !string.Equals(pools.Arn(poolId), resourceArn, StringComparison.Ordinal))
        {
            throw CognitoErrors.InvalidResourceArn(resourceArn);
        }

        return await pools.GetAsync(poolId, ct);
    }

    public static IReadOnlyDictionary<string, string> Of(UserPoolSettings pool) =>
        pool.Config.UserPoolTags ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Rewrites the pool's tags with <paramref name="change"/>, retrying on concurrent pool updates.</summary>
    public async Task ChangeAsync(string resourceArn, Action<Dictionary<string, string>> change, CancellationToken ct)
    {
        var poolId = (await ResolveAsync(resourceArn, ct)).Id;
        await pools.ChangeConfigAsync(poolId, pool =>
        {
            var tags = new Dictionary<string, string>(Of(pool), StringComparer.Ordinal);
            change(tags);
            return tags.Count > MaxTags
                ? throw CognitoErrors.TooManyTags()
                : pool.Config with { UserPoolTags = tags.Count == 0 ? null : tags };
        }, ct);
    }
}
