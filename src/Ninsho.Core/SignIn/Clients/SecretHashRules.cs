using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)), required exactly when the
/// client has a secret (docs/cognito-behaviour.md#secret-hash). While a client has two secrets (rotation), a hash made with either
/// is accepted.</summary>
internal static class SecretHashRules
{
    public static void Check(UserPoolClientType client, string? secretHash, params string?[] usernames)
    {
        var secrets = ClientSecretSet.Of(client);
        if (secrets.Count == 0)
        {
            return;
        }

        if (string.IsNullOrEmpty(secretHash))
        {
            throw CognitoErrors.SecretHashMissing(client.ClientId);
        }

        foreach (var secret in secrets)
        {
            foreach (var username in usernames)
            {
                if (username is not null && Matches(secret.Value, username + client.ClientId, secretHash))
                {
                    return;
                }
            }
        }

        throw CognitoErrors.SecretHashMismatch(client.ClientId);
    }

    private static bool Matches(string secret, string message, string given)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        Span<byte> actual = stackalloc byte[64];
        return Convert.TryFromBase64String(given, actual, out var written)
            && CryptographicOperations.FixedTimeEquals(expected, actual[..written]);
    }
}
