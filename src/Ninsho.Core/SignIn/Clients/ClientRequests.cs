using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The common start of the unsigned, client-addressed user operations (SignUp, ConfirmSignUp,
/// ForgotPassword, …): the client and its pool, the SECRET_HASH (docs/cognito-behaviour.md#secret-hash), and the named user if there is one.</summary>
internal sealed class ClientRequests(UserPoolClientService clients, UserPoolService pools, UserDirectory directory)
{
    public async Task<(UserPoolSettings Pool, UserPoolClientType Client, StoredUser? User)> ResolveAsync(
        string clientId, string username, string? secretHash, CancellationToken ct)
    {
        var client = await clients.GetAsync(clientId, null, ct);
        var pool = await pools.GetAsync(client.UserPoolId!, ct);
        var user = await directory.FindAsync(pool, username, ct);
        SecretHashRules.Check(client, secretHash, username, user?.Username);
        return (pool, client, user);
    }

    /// <summary>PreventUserExistenceErrors ENABLED (docs/cognito-behaviour.md#hiding-whether-a-user-exists): a missing user must look like an existing one.</summary>
    public static bool HidesUsers(UserPoolClientType client) =>
        client.PreventUserExistenceErrors == PreventUserExistenceErrorTypes.ENABLED;
}
