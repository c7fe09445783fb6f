using Ninsho.Core.Pools;
using Ninsho.Core.Security.Srp;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER (docs/cognito-behaviour.md#remembered-devices): the same SRP as a password with the
/// DeviceGroupKey as realm, the DeviceKey as identity and the verifier ConfirmDevice stored.</summary>
internal sealed class DeviceSrpChallenge(
    INinshoStorage storage, AuthSessions sessions, SrpSecretBlocks blocks, SrpAnswers answers, DeviceService devices, SignInLockout lockout,
    SignInCompletion completion, TimeProvider clock)
{
    public const string Purpose = "srp:" + ChallengeNameType.DEVICE_PASSWORD_VERIFIER;

    public async Task<AuthOutcome> RespondSrpAuthAsync(
        SignInContext signIn, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var opened = await sessions.OpenAsync(session, signIn.Client.ClientId!, ChallengeNameType.DEVICE_SRP_AUTH);
        var user = opened.UserPoolId == signIn.Pool.Id ? await storage.Users.FindAsync(signIn.Pool.Id, opened.UsernameKey, ct) : null;
        if (user is null)
        {
            throw CognitoErrors.SessionExpired();
        }

        var username = SrpProof.Required(responses, "USERNAME");
        SecretHashRules.Check(signIn.Client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        var device = await devices.GetAsync(user, SrpProof.Required(responses, "DEVICE_KEY"), ct);
        if (device.Verifier is null || device.Salt is null)
        {
            throw CognitoErrors.DeviceNotFound();
        }

        var a = SrpHex.TryToInteger(SrpProof.Required(responses, "SRP_A"), out var value) && SrpMath.IsValidA(value)
            ? value
            : throw CognitoErrors.InvalidSrpA();
        var b = SrpMath.NewSecret();
        var bigB = SrpMath.PublicB(SrpHex.ToInteger(device.Verifier), b);
        var state = new SrpState(signIn.Pool.Id, signIn.Client.ClientId!, user.UsernameKey, device.DeviceGroupKey, device.DeviceKey, false, b, a, bigB);
        var (secretBlock, next) = await blocks.SealAsync(Purpose, state, UserPoolClientRules.AuthSessionLifetime(signIn.Client));
        var challenge = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SALT"] = device.Salt,
            ["SRP_B"] = SrpHex.PadHex(bigB),
            ["SECRET_BLOCK"] = secretBlock,
            ["USERNAME"] = user.Username,
            ["DEVICE_KEY"] = device.DeviceKey,
        };
        return new AuthOutcome(ChallengeNameType.DEVICE_PASSWORD_VERIFIER, challenge, next, null);
    }

    public async Task<AuthOutcome> RespondPasswordVerifierAsync(
        SignInContext signIn, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var block = SrpProof.Required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
        var (timestamp, signature) = SrpProof.ReadClaim(responses);
        var username = SrpProof.Required(responses, "USERNAME");
        var opened = await blocks.OpenAsync(Purpose, block, session);
        if (opened is not ({ } state, { } bytes) || state.UserPoolId != signIn.Pool.Id || state.ClientId != signIn.Client.ClientId
            || await storage.Users.FindAsync(signIn.Pool.Id, state.UsernameKey, ct) is not { } user)
        {
            throw CognitoErrors.SessionExpired();
        }

        SecretHashRules.Check(signIn.Client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        if (!await answers.TryConsumeAsync(signIn.Pool.Id, bytes, ct))
        {
            throw CognitoErrors.SessionExpired();
        }

        var device = await devices.GetAsync(user, state.Identity, ct);
        user = await lockout.CheckAsync(
            signIn,
            user, _ => Task.FromResult(device.Verifier is { } verifier && SrpProof.Verify(state, new SrpCredential(device.Salt!, verifier), bytes, timestamp, signature)), ct);
        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        _ = await devices.UpdateAsync(device, d => d with { LastAuthenticatedAt = clock.GetUtcNow() }, ct);
        return await completion.ContinueAsync(signIn with { TokenSource = PreTokenGeneration.AuthenticateDevice }, user, ct, device.DeviceKey);
    }
}
