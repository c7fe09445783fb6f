using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>Operations that take the client secret itself (RevokeToken, GetTokensFromRefreshToken); any current
/// secret of the client is accepted.</summary>
internal static class ClientSecretRules
{
    public static void Check(UserPoolClientType client, string? given)
    {
        var secrets = ClientSecretSet.Of(client);
        if (secrets.Count == 0)
        {
            return;
        }

        var givenBytes = given is null ? null : Encoding.UTF8.GetBytes(given);
        foreach (var secret in secrets)
        {
            if (givenBytes is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret.Value), givenBytes))
            {
                return;
            }
        }

        throw CognitoErrors.SecretHashMismatch(client.ClientId);
    }
}
