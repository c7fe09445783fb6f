using Ninsho.Core.Pools;
using Ninsho.Core.Security.Srp;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>USER_SRP_AUTH → PASSWORD_VERIFIER (docs/cognito-behaviour.md#srp-sign-in-flow): existence rules (docs/cognito-behaviour.md#hiding-whether-a-user-exists), lockout (docs/cognito-behaviour.md#lockout-after-failed-sign-ins) and
/// user status in <see cref="PasswordSignIn"/>'s order (the proof before the status), each answer usable once
/// (<see cref="SrpAnswers"/>), then <see cref="SignInCompletion"/> (or a remembered device's
/// DEVICE_SRP_AUTH first).</summary>
internal sealed class SrpSignIn(
    UserDirectory directory, INinshoStorage storage, SrpSecretBlocks blocks, SrpAnswers answers, SrpDecoys decoys, SignInLockout lockout,
    SignInCompletion completion, DeviceSignIn devices, LambdaTriggers triggers)
{
    public const string Purpose = "srp:" + ChallengeNameType.PASSWORD_VERIFIER;

    /// <summary>The SECRET_BLOCK of a CUSTOM_AUTH flow that proves the password first (<see cref="CustomAuthSignIn"/>):
    /// its answer goes back to the custom flow instead of ending the sign-in.</summary>
    public const string CustomPurpose = "srp:custom:" + ChallengeNameType.PASSWORD_VERIFIER;

    public async Task<AuthOutcome> InitiateAsync(
        SignInContext signIn, IReadOnlyDictionary<string, string> parameters, CancellationToken ct, string purpose = Purpose)
    {
        var username = SrpProof.Required(parameters, "USERNAME");
        var a = ReadA(parameters);
        var user = await directory.FindAsync(signIn.Pool, username, ct);
        SecretHashRules.Check(signIn.Client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
        if (user is null && signIn.Client.PreventUserExistenceErrors != PreventUserExistenceErrorTypes.ENABLED)
        {
            throw CognitoErrors.UserNotFound();
        }

        // At InitiateAuth, before the proof exists (docs/triggers.md#preauthentication).
        await PreAuthentication.RunAsync(triggers, signIn, user, username, ct);
        var usernameKey = user?.UsernameKey ?? signIn.Pool.UsernameKey(username);
        var stored = user is null ? null : UserState.Read(user).Srp;
        var verifier = stored;
        var identity = user?.Username;
        if (verifier is null)
        {
            var decoy = await decoys.ForAsync(signIn.Pool.Id, usernameKey);
            verifier = decoy.Credential;
            identity ??= signIn.Pool.UsernameAttributes.Count > 0 ? decoy.UserId.ToString() : username;
        }

        identity ??= username;

        var b = SrpMath.NewSecret();
        var bigB = SrpMath.PublicB(verifier.VerifierValue, b);
        var state = new SrpState(
            signIn.Pool.Id, signIn.Client.ClientId!, user is null ? string.Empty : usernameKey, SrpCredential.PoolName(signIn.Pool.Id), identity, stored is null, b, a, bigB);
        var (secretBlock, session) = await blocks.SealAsync(purpose, state, UserPoolClientRules.AuthSessionLifetime(signIn.Client));
        var challenge = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SALT"] = verifier.Salt,
            ["SRP_B"] = SrpHex.PadHex(bigB),
            ["SECRET_BLOCK"] = secretBlock,
            ["USERNAME"] = identity,
            ["USER_ID_FOR_SRP"] = identity,
        };
        return new AuthOutcome(ChallengeNameType.PASSWORD_VERIFIER, challenge, session, null);
    }

    /// <summary>Checks the proof; a custom flow's (<see cref="CustomPurpose"/>) then continues in
    /// <paramref name="custom"/> with the user, any other ends in <see cref="SignInCompletion"/>.</summary>
    public async Task<AuthOutcome> RespondAsync(
        SignInContext signIn, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct,
        Func<StoredUser, Task<AuthOutcome>>? custom = null)
    {
        var block = SrpProof.Required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
        var (timestamp, signature) = SrpProof.ReadClaim(responses);
        var username = SrpProof.Required(responses, "USERNAME");
        var opened = await blocks.OpenAsync(Purpose, block, session);
        var customFlow = false;
        if (opened is null && custom is not null)
        {
            opened = await blocks.OpenAsync(CustomPurpose, block, session);
            customFlow = opened is not null;
        }

        if (opened is not ({ } state, { } bytes) || state.UserPoolId != signIn.Pool.Id || state.ClientId != signIn.Client.ClientId)
        {
            throw CognitoErrors.SessionExpired();
        }

        var user = state.UsernameKey.Length == 0 ? null : await storage.Users.FindAsync(signIn.Pool.Id, state.UsernameKey, ct);
        SecretHashRules.Check(signIn.Client, responses.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
        if (!await answers.TryConsumeAsync(signIn.Pool.Id, bytes, ct))
        {
            throw CognitoErrors.SessionExpired();
        }

        // Without a verifier (an unknown user, or one whose password predates SRP) the decoy the challenge was built
        // from takes its place: the same work as a real check, and no answer passes it (state.Decoy).
        var verifier = user is null || state.Decoy ? null : UserState.Read(user).Srp;
        verifier ??= (await decoys.ForAsync(signIn.Pool.Id, user?.UsernameKey ?? signIn.Pool.UsernameKey(username))).Credential;
        if (user is null)
        {
            _ = SrpProof.Verify(state, verifier, bytes, timestamp, signature);
            throw CognitoErrors.IncorrectCredentials();
        }

        user = await lockout.CheckAsync(signIn, user, _ => Task.FromResult(SrpProof.Verify(state, verifier, bytes, timestamp, signature)), ct);

        // As with a password: only the right proof learns that the user is unconfirmed or disabled.
        if (user.Status == UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        if (customFlow)
        {
            return await custom!(user);
        }

        var deviceKey = responses.GetValueOrDefault("DEVICE_KEY");
        var newDeviceKey = DeviceSignIn.NewDeviceKey(signIn.Pool, deviceKey);
        return await devices.AfterFirstFactorAsync(signIn, user, deviceKey, ct)
            ?? await devices.WithNewDeviceAsync(signIn.Pool, user, newDeviceKey, await completion.ContinueAsync(signIn, user, ct, newDeviceKey), ct);
    }

    private static System.Numerics.BigInteger ReadA(IReadOnlyDictionary<string, string> parameters)
    {
        var hex = SrpProof.Required(parameters, "SRP_A");
        return SrpHex.TryToInteger(hex, out var a) && SrpMath.IsValidA(a)
            ? a
            : throw CognitoErrors.InvalidSrpA();
    }
}
