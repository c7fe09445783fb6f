using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>Routes an AuthFlow of InitiateAuth or AdminInitiateAuth to its sign-in, once the client allows it.</summary>
internal sealed class SignInFlows(
    UserPoolService pools, UserPoolClientService clients, PasswordSignIn password, RefreshTokenSignIn refresh, SrpSignIn srp, UserAuthSignIn choice,
    CustomAuthSignIn custom)
{
    private static readonly Dictionary<string, string> NoParameters = new(StringComparer.Ordinal);

    /// <summary>The client and its pool; for admin calls the client must belong to <paramref name="userPoolId"/>.</summary>
    public async Task<(UserPoolSettings Pool, UserPoolClientType Client)> ClientAsync(string? userPoolId, string clientId, CancellationToken ct)
    {
        if (userPoolId is not null)
        {
            var pool = await pools.GetAsync(userPoolId, ct);
            return (pool, await clients.GetAsync(clientId, pool.Id, ct));
        }

        var (client, poolVersion) = await clients.GetWithPoolVersionAsync(clientId, ct);
        var poolId = client.UserPoolId!;
        return (await pools.AtVersionAsync(poolId, poolVersion, ct) ?? throw CognitoErrors.UserPoolNotFound(poolId), client);
    }

    /// <summary>The sign-in context of a request: its client and pool (see <see cref="ClientAsync"/>) and what the
    /// caller sent.</summary>
    public async Task<SignInContext> ContextAsync(string? adminUserPoolId, string clientId, SignInCaller caller, CancellationToken ct)
    {
        var (pool, client) = await ClientAsync(adminUserPoolId, clientId, ct);
        return new SignInContext(pool, client)
        {
            Admin = adminUserPoolId is not null,
            ClientMetadata = caller.ClientMetadata,
            IpAddress = caller.IpAddress,
            RequestId = caller.RequestId,
        };
    }

    public Task<AuthOutcome> InitiateAsync(
        string? adminUserPoolId, string clientId, string flow, IReadOnlyDictionary<string, string>? parameters, SignInCaller caller, CancellationToken ct) =>
        SignInMetrics.CountAsync(flow, () => InitiateFlowAsync(adminUserPoolId, clientId, flow, parameters, caller, ct));

    private async Task<AuthOutcome> InitiateFlowAsync(
        string? adminUserPoolId, string clientId, string flow, IReadOnlyDictionary<string, string>? parameters, SignInCaller caller, CancellationToken ct)
    {
        var signIn = await ContextAsync(adminUserPoolId, clientId, caller, ct) with { Initiating = true };
        var (client, admin) = (signIn.Client, signIn.Admin);
        var p = parameters ?? NoParameters;
        switch (flow)
        {
            case AuthFlowType.USER_PASSWORD_AUTH when !admin:
                Require(client, ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, CognitoErrors.UserPasswordFlowNotEnabled);
                return await password.SignInAsync(signIn, p, ct);
            case AuthFlowType.ADMIN_USER_PASSWORD_AUTH or AuthFlowType.ADMIN_NO_SRP_AUTH when admin:
                Require(client, ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH, CognitoErrors.AdminPasswordFlowNotEnabled);
                return await password.SignInAsync(signIn, p, ct);
            case AuthFlowType.REFRESH_TOKEN_AUTH or AuthFlowType.REFRESH_TOKEN:
                Require(client, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH, CognitoErrors.RefreshFlowNotEnabled);

                // A client that rotates refresh tokens refreshes only through GetTokensFromRefreshToken (and the token
                // endpoint); the wording is guessed (docs/compatibility-refresh-rotation.md).
                if (RefreshTokenRotation.IsEnabled(client))
                {
                    throw CognitoErrors.RefreshFlowNotEnabled();
                }

                var refreshed = await refresh.RefreshAsync(signIn, p.GetValueOrDefault("REFRESH_TOKEN"),
                    user =>
                    {
                        SecretHashRules.Check(client, p.GetValueOrDefault("SECRET_HASH"), user.Username, p.GetValueOrDefault("USERNAME"));
                        return true;
                    }, ct, p.GetValueOrDefault("DEVICE_KEY"));
                return AuthOutcome.Tokens(refreshed);
            case AuthFlowType.USER_SRP_AUTH:
                Require(client, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, CognitoErrors.SrpFlowNotEnabled);
                return await srp.InitiateAsync(signIn, p, ct);
            case AuthFlowType.USER_AUTH:
                Require(client, ExplicitAuthFlowsType.ALLOW_USER_AUTH, CognitoErrors.UserAuthFlowNotEnabled);
                return await choice.InitiateAsync(signIn, p, ct);
            case AuthFlowType.CUSTOM_AUTH:
                Require(client, ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH, CognitoErrors.CustomFlowNotEnabled);
                return await custom.InitiateAsync(signIn, p, ct);
            default:
                throw CognitoErrors.UnknownAuthFlow();
        }
    }

    private static void Require(UserPoolClientType client, string flow, Func<CognitoException> refusal)
    {
        if (!UserPoolClientRules.Allows(client, flow))
        {
            throw refusal();
        }
    }
}
