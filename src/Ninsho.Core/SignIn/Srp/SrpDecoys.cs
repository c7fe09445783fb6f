using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Core.Security.Srp;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Plausible SRP material for a user who does not exist (PreventUserExistenceErrors ENABLED) or has no
/// verifier yet: salt, USER_ID_FOR_SRP and verifier derived with a cluster secret from (pool, username), so they
/// are stable per name like a real user's (docs/cognito-behaviour.md#hiding-whether-a-user-exists) and cost no more to produce.</summary>
internal sealed class SrpDecoys(INinshoStorage storage)
{
    private const string SecretName = "srp-decoy-key";
    private readonly Lazy<Task<byte[]>> _key = new(() => storage.Secrets.GetOrAddAsync(SecretName, RandomNumberGenerator.GetBytes(32), CancellationToken.None));

    public async Task<(SrpCredential Credential, Guid UserId)> ForAsync(string userPoolId, string usernameKey)
    {
        var key = await _key.Value;
        var seed = Encoding.UTF8.GetBytes(userPoolId + "\n" + usernameKey);
        var material = new byte[SrpGroup.ModulusBytes + 32];
        for (var block = 0; block * 32 < material.Length; block++)
        {
            var input = new byte[seed.Length + 1];
            seed.CopyTo(input, 0);
            input[^1] = (byte)block;
            HMACSHA256.HashData(key, input).CopyTo(material.AsSpan(block * 32));
        }

        material[22] = (byte)((material[22] & 0x0f) | 0x40); // a version-4 shaped UUID
        material[24] = (byte)((material[24] & 0x3f) | 0x80);
        var salt = new BigInteger(material.AsSpan(0, 16), isUnsigned: true, isBigEndian: true);
        var userId = new Guid(material.AsSpan(16, 16), bigEndian: true);
        var verifier = new BigInteger(material.AsSpan(32, SrpGroup.ModulusBytes), isUnsigned: true, isBigEndian: true) % SrpGroup.N;
        return (new SrpCredential(SrpHex.PadHex(salt), SrpHex.PadHex(verifier)), userId);
    }
}
