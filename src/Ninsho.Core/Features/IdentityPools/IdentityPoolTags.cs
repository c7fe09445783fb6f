using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>Tags of identity pools, addressed by ARN (<c>arn:aws:cognito-identity:region:account:identitypool/id</c>)
/// and kept as the pool's IdentityPoolTags.</summary>
internal sealed class IdentityPoolTags(IdentityPoolService pools)
{
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string arn, CancellationToken ct) =>
        (await pools.GetAsync(IdOf(arn), ct)).Config.Pool.IdentityPoolTags ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public async Task ChangeAsync(string arn, Action<Dictionary<string, string>> change, CancellationToken ct) =>
        _ = await pools.UpdateAsync(IdOf(arn), c =>
        {
            var tags = new Dictionary<string, string>(c.Pool.IdentityPoolTags ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            change(tags);
            IdentityPoolRules.CheckTags(tags);
            return c with { Pool = c.Pool with { IdentityPoolTags = tags } };
        }, ct);

    private static string IdOf(string arn) =>
        IdentityPoolService.IdFromArn(arn) ?? throw CognitoErrors.NotAnIdentityPoolArn(arn);
}
