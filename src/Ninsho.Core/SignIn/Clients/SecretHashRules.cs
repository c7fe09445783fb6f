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

    /// <summary>The SECRET_HASH the client's current secret makes for <paramref name="username"/>, or null for a
    /// client without a secret: the hosted UI, which holds the secret, answers for the browser.</summary>
    public static string? For(UserPoolClientType client, string username)
    {
        var secrets = ClientSecretSet.Of(client);
        return secrets.Count == 0
            ? null
            : Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secrets[^1].Value), Encoding.UTF8.GetBytes(username + client.ClientId)));
    }

    private static bool Matches(string secret, string message, string given)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        Span<byte> actual = stackalloc byte[64];
        return Convert.TryFromBase64String(given, actual, out var written)
            && CryptographicOperations.FixedTimeEquals(expected, actual[..written]);
    }
}
