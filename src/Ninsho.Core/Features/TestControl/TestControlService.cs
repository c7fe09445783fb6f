using System.Text.RegularExpressions;
using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.TestControl;

/// <summary>What the test-control routes (<c>/_ninsho/reset</c>, <c>/_ninsho/users</c>) and the seed file need
/// beyond the Cognito operations: deleting everything, tokens for a user without a sign-in, and a chosen TOTP
/// secret (docs/test-control.md). Never reachable through the Cognito API.</summary>
public sealed partial class TestControlService
{
    private const int PageSize = 60;

    private readonly INinshoStorage _storage;
    private readonly UserPoolService _pools;
    private readonly UserPoolClientService _clients;
    private readonly UserDirectory _directory;
    private readonly UserUpdater _updater;
    private readonly SignInTokens _tokens;

    internal TestControlService(
        INinshoStorage storage, UserPoolService pools, UserPoolClientService clients, UserDirectory directory, UserUpdater updater, SignInTokens tokens)
    {
        _storage = storage;
        _pools = pools;
        _clients = clients;
        _directory = directory;
        _updater = updater;
        _tokens = tokens;
    }

    /// <summary>Deletes one user pool (with its clients, users, groups, tokens; deletion protection ignored), or,
    /// with a null id, every user pool, every identity pool and the outbox. Returns the user pools deleted.</summary>
    public async Task<int> ResetAsync(string? userPoolId, CancellationToken ct)
    {
        if (userPoolId is not null)
        {
            var deleted = await _storage.UserPools.DeleteAsync(userPoolId, ct);
            _pools.Forget(userPoolId);
            _clients.Forget(null);
            return deleted ? 1 : throw CognitoErrors.UserPoolNotFound(userPoolId);
        }

        var count = 0;
        while (true)
        {
            var page = await _storage.UserPools.ListAsync(PageSize, null, ct);
            foreach (var pool in page.Items)
            {
                count += await _storage.UserPools.DeleteAsync(pool.Id, ct) ? 1 : 0;
            }

            if (page.NextKey is null || page.Items.Count == 0)
            {
                break;
            }
        }

        while (true)
        {
            var page = await _storage.IdentityPools.ListPoolsAsync(PageSize, null, ct);
            foreach (var pool in page.Items)
            {
                _ = await _storage.IdentityPools.DeletePoolAsync(pool.IdentityPoolId, ct);
            }

            if (page.NextKey is null || page.Items.Count == 0)
            {
                break;
            }
        }

        _ = await _storage.Outbox.PurgeAsync(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, ct);
        _pools.Forget(null);
        _clients.Forget(null);
        return count;
    }

    /// <summary>Access, ID and refresh tokens for an existing user and app client, as a sign-in would issue them
    /// (pre token generation and post authentication triggers included), without a password or MFA.</summary>
    public async Task<AuthenticationResultType> IssueTokensAsync(string userPoolId, string clientId, string username, CancellationToken ct)
    {
        var pool = await _pools.GetAsync(userPoolId, ct);
        var client = await _clients.GetAsync(clientId, userPoolId, ct);
        var user = await _directory.GetAsync(pool, username, ct);
        return await _tokens.IssueAsync(SignInContext.For(pool, client) with { Admin = true }, user, ct);
    }

    /// <summary>Gives the user the verified TOTP secret <paramref name="base32Secret"/> (what AssociateSoftwareToken
    /// and VerifySoftwareToken would leave), enabled and preferred, so that a test can compute its codes.</summary>
    public async Task SetTotpSecretAsync(string userPoolId, string username, string base32Secret, CancellationToken ct)
    {
        var secret = base32Secret.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        if (secret.Length < 16 || !Base32().IsMatch(secret))
        {
            throw CognitoErrors.TotpSecretInvalid();
        }

        var pool = await _pools.GetAsync(userPoolId, ct);
        var user = await _directory.GetAsync(pool, username, ct);
        _ = await _updater.UpdateAsync(user, u =>
        {
            var state = UserState.Read(u);
            var mfa = state.Mfa with
            {
                TotpSecret = secret,
                PendingTotpSecret = null,
                TotpLastStep = 0,
                TotpEnabled = true,
                Preferred = nameof(ChallengeNameType.SOFTWARE_TOKEN_MFA),
            };
            return u with { ExtraJson = (state with { Mfa = mfa }).Write() };
        }, ct);
    }

    [GeneratedRegex("^[A-Z2-7]+$")]
    private static partial Regex Base32();
}
