using System.Security.Cryptography;
using System.Text;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Auth;

/// <summary>Operations that take the client secret itself (RevokeToken, GetTokensFromRefreshToken).</summary>
internal static class ClientSecretRules
{
    public static void Check(UserPoolClientType client, string? given)
    {
        if (client.ClientSecret is not { } secret)
        {
            return;
        }

        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(given)))
        {
            throw CognitoErrors.NotAuthorized($"Unable to verify secret hash for client {client.ClientId}");
        }
    }
}
