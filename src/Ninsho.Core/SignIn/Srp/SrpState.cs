using System.Numerics;

namespace Ninsho.Core.SignIn;

/// <summary>The server's half of one SRP exchange, carried inside the sealed SECRET_BLOCK so any node can finish it.
/// <see cref="Realm"/> and <see cref="Identity"/> are what x was hashed with: the pool name and USER_ID_FOR_SRP for
/// a password, the DeviceGroupKey and DeviceKey for a device. <see cref="Decoy"/> marks a challenge built for an
/// unknown user or one without a verifier, which no answer can pass.</summary>
internal sealed record SrpState(
    string UserPoolId,
    string ClientId,
    string UsernameKey,
    string Realm,
    string Identity,
    bool Decoy,
    BigInteger SecretB,
    BigInteger PublicA,
    BigInteger PublicB)
{
    public override string ToString() => $"SrpState {{ {UserPoolId}, {ClientId}, {Identity} }}";
}
