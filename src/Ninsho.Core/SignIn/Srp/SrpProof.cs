using Ninsho.Core.Security.Srp;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.SignIn;

/// <summary>Checks a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer against the sealed state and the stored
/// verifier (docs/cognito-behaviour.md#srp-server-math): S = (A·v^u)^b, K = HKDF(u, S), signature = HMAC(K, realm ‖ id ‖ block ‖ timestamp).</summary>
internal static class SrpProof
{
    /// <summary>The answer's TIMESTAMP and PASSWORD_CLAIM_SIGNATURE; InvalidParameterException when one is missing
    /// or the timestamp's format is not Cognito's.</summary>
    public static (string Timestamp, string Signature) ReadClaim(IReadOnlyDictionary<string, string> responses)
    {
        var signature = Required(responses, "PASSWORD_CLAIM_SIGNATURE");
        var timestamp = Required(responses, "TIMESTAMP");
        _ = SrpTimestamp.Parse(timestamp);
        return (timestamp, signature);
    }

    public static string Required(IReadOnlyDictionary<string, string> responses, string name) =>
        responses.GetValueOrDefault(name) is { Length: > 0 } value
            ? value
            : throw CognitoErrors.MissingAuthParameter(name);

    /// <summary>True when the signature proves knowledge of the secret behind <paramref name="verifier"/>.
    /// Always does the full work, so a decoy costs what a real check costs.</summary>
    public static bool Verify(SrpState state, SrpCredential verifier, byte[] secretBlock, string timestamp, string signature)
    {
        var u = SrpMath.Scrambler(state.PublicA, state.PublicB);
        var s = SrpMath.SharedSecret(state.PublicA, verifier.VerifierValue, u, state.SecretB);
        var expected = SrpMath.Signature(SrpMath.DerivedKey(u, s), state.Realm, state.Identity, secretBlock, timestamp);
        return !u.IsZero && !state.Decoy && SrpMath.SignatureMatches(expected, signature);
    }
}
