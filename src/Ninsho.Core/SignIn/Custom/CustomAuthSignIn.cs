using System.Text;
using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>CUSTOM_AUTH (docs/triggers.md#custom-authentication): define decides each step from the <c>session</c>
/// array of earlier rounds, create builds a CUSTOM_CHALLENGE, verify judges its ANSWER; tokens go through
/// <see cref="SignInCompletion"/>. With <c>CHALLENGE_NAME=SRP_A</c> the password is proven first by
/// <see cref="SrpSignIn"/>. The round state (the session array, create's private parameters and metadata) travels
/// sealed in the Session, so any node can take the next round; each Session is answerable once
/// (<see cref="SrpAnswers"/>), so a wrong answer cannot be retried on an older Session.</summary>
internal sealed class CustomAuthSignIn(
    LambdaTriggers triggers, UserDirectory directory, INinshoStorage storage, SealingKeys sealingKeys, SrpSignIn srp, SrpAnswers once,
    SignInCompletion completion, DeviceSignIn devices)
{
    private const string Purpose = "custom-auth";

    public async Task<AuthOutcome> InitiateAsync(SignInContext signIn, IReadOnlyDictionary<string, string> parameters, CancellationToken ct)
    {
        var username = SrpProof.Required(parameters, "USERNAME");
        var user = await directory.FindAsync(signIn.Pool, username, ct);
        SecretHashRules.Check(signIn.Client, parameters.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
        var userNotFound = user is null;
        if (userNotFound && signIn.Client.PreventUserExistenceErrors != PreventUserExistenceErrorTypes.ENABLED)
        {
            throw CognitoErrors.UserNotFound();
        }

        if (!LambdaTriggers.IsConfigured(signIn.Pool, UserPoolTrigger.DefineAuthChallenge))
        {
            throw CognitoErrors.CustomAuthTriggerMissing();
        }

        var state = new JsonObject
        {
            ["p"] = signIn.Pool.Id,
            ["c"] = signIn.Client.ClientId,
            ["u"] = user?.UsernameKey ?? string.Empty,
            ["n"] = user?.Username ?? username,
            ["nf"] = userNotFound,
            ["s"] = new JsonArray(),
        };

        // ClientMetadata of InitiateAuth is not passed to these triggers (docs/triggers.md#custom-authentication).
        var caller = Caller(signIn, state, user, clientMetadata: null);
        var srpFirst = parameters.GetValueOrDefault("CHALLENGE_NAME") == CustomAuthChallenge.SrpA;
        if (srpFirst)
        {
            _ = SrpProof.Required(parameters, "SRP_A");
            ((JsonArray)state["s"]!).Add((JsonNode)CustomAuthChallenge.Round(CustomAuthChallenge.SrpA, true, null));
            var decision = await CustomAuthChallenge.DefineAsync(triggers, caller, (JsonArray)state["s"]!, ct);
            if (decision is { IssueTokens: false, FailAuthentication: false, ChallengeName: ChallengeNameType.PASSWORD_VERIFIER })
            {
                return await srp.InitiateAsync(signIn, parameters, ct, SrpSignIn.CustomPurpose);
            }

            return await FollowAsync(signIn, user, state, caller, decision, parameters.GetValueOrDefault("DEVICE_KEY"), ct);
        }

        return await NextAsync(signIn, user, state, caller, parameters.GetValueOrDefault("DEVICE_KEY"), ct);
    }

    /// <summary>After the SRP proof of a custom flow: define sees SRP_A and PASSWORD_VERIFIER, both passed (a wrong
    /// proof has already failed the sign-in in <see cref="SrpSignIn"/>).</summary>
    public async Task<AuthOutcome> AfterPasswordVerifierAsync(
        SignInContext signIn, StoredUser user, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var state = new JsonObject
        {
            ["p"] = signIn.Pool.Id,
            ["c"] = signIn.Client.ClientId,
            ["u"] = user.UsernameKey,
            ["n"] = user.Username,
            ["nf"] = false,
            ["s"] = new JsonArray(
                CustomAuthChallenge.Round(CustomAuthChallenge.SrpA, true, null),
                CustomAuthChallenge.Round(ChallengeNameType.PASSWORD_VERIFIER, true, null)),
        };
        return await NextAsync(signIn, user, state, Caller(signIn, state, user, signIn.ClientMetadata), responses.GetValueOrDefault("DEVICE_KEY"), ct);
    }

    public async Task<AuthOutcome> RespondAsync(
        SignInContext signIn, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var answer = SrpProof.Required(responses, "ANSWER");
        var username = SrpProof.Required(responses, "USERNAME");
        var sealer = await sealingKeys.SessionSealerAsync();
        var bytes = sealer.Unseal(Purpose, session);
        if (bytes is null || JsonNode.Parse(bytes) is not JsonObject state
            || (string?)state["p"] != signIn.Pool.Id || (string?)state["c"] != signIn.Client.ClientId)
        {
            throw CognitoErrors.SessionExpired();
        }

        var usernameKey = (string)state["u"]!;
        var user = usernameKey.Length == 0 ? null : await storage.Users.FindAsync(signIn.Pool.Id, usernameKey, ct);
        SecretHashRules.Check(signIn.Client, responses.GetValueOrDefault("SECRET_HASH"), username, user?.Username);
        if (!await once.TryConsumeAsync(signIn.Pool.Id, Encoding.UTF8.GetBytes(session!), ct))
        {
            throw CognitoErrors.InvalidSession();
        }

        var caller = Caller(signIn, state, user, signIn.ClientMetadata);
        var correct = await CustomAuthChallenge.VerifyAsync(triggers, caller, (JsonObject)state["x"]!, answer, ct);
        ((JsonArray)state["s"]!).Add((JsonNode)CustomAuthChallenge.Round(ChallengeNameType.CUSTOM_CHALLENGE, correct, (string?)state["m"]));
        return await NextAsync(signIn, user, state, caller, responses.GetValueOrDefault("DEVICE_KEY"), ct);
    }

    private async Task<AuthOutcome> NextAsync(
        SignInContext signIn, StoredUser? user, JsonObject state, CustomAuthChallenge.Caller caller, string? deviceKey, CancellationToken ct)
    {
        var decision = await CustomAuthChallenge.DefineAsync(triggers, caller, (JsonArray)state["s"]!, ct);
        return await FollowAsync(signIn, user, state, caller, decision, deviceKey, ct);
    }

    /// <summary>Does what define answered: fail, tokens, or a CUSTOM_CHALLENGE from create. Any other challenge name
    /// is not a step Ninsho can take (docs/triggers.md#custom-authentication).</summary>
    private async Task<AuthOutcome> FollowAsync(
        SignInContext signIn, StoredUser? user, JsonObject state, CustomAuthChallenge.Caller caller, CustomAuthChallenge.Decision decision,
        string? deviceKey, CancellationToken ct)
    {
        if (decision.FailAuthentication)
        {
            throw CognitoErrors.IncorrectCredentials();
        }

        if (decision.IssueTokens)
        {
            return await TokensAsync(signIn, user, deviceKey, ct);
        }

        if (decision.ChallengeName != ChallengeNameType.CUSTOM_CHALLENGE)
        {
            throw CognitoErrors.TriggerUnrecognizableOutput();
        }

        var session = (JsonArray)state["s"]!;
        var challenge = await CustomAuthChallenge.CreateAsync(triggers, caller, ChallengeNameType.CUSTOM_CHALLENGE, session, ct);
        if (!LambdaTriggers.IsConfigured(signIn.Pool, UserPoolTrigger.VerifyAuthChallengeResponse))
        {
            throw CognitoErrors.CustomAuthTriggerMissing();
        }

        state["x"] = challenge.Private;
        state["m"] = challenge.Metadata;
        var sealedState = (await sealingKeys.SessionSealerAsync()).Seal(
            Purpose, Encoding.UTF8.GetBytes(state.ToJsonString()), UserPoolClientRules.AuthSessionLifetime(signIn.Client));

        // USERNAME goes with the public parameters, as with Cognito's other challenges (guessed for this one).
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["USERNAME"] = (string)state["n"]! };
        foreach (var (name, value) in challenge.Public)
        {
            parameters[name] = (string)value!;
        }

        return new AuthOutcome(ChallengeNameType.CUSTOM_CHALLENGE, parameters, sealedState, null);
    }

    private async Task<AuthOutcome> TokensAsync(SignInContext signIn, StoredUser? user, string? deviceKey, CancellationToken ct)
    {
        // An unknown user (PreventUserExistenceErrors) never gets tokens, whatever define says; nor does one who
        // cannot sign in (guessed order: after the challenges, as a password's status is checked after the password).
        if (user is null)
        {
            throw CognitoErrors.IncorrectCredentials();
        }

        if (user.Status == UserStatusType.UNCONFIRMED)
        {
            throw CognitoErrors.UserNotConfirmed();
        }

        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        var newDeviceKey = DeviceSignIn.NewDeviceKey(signIn.Pool, deviceKey);
        return await devices.WithNewDeviceAsync(signIn.Pool, user, newDeviceKey, await completion.ContinueAsync(signIn, user, ct, newDeviceKey), ct);
    }

    private static CustomAuthChallenge.Caller Caller(
        SignInContext signIn, JsonObject state, StoredUser? user, IReadOnlyDictionary<string, string>? clientMetadata) =>
        new(signIn.Pool, signIn.Client.ClientId!, (string)state["n"]!,
            user?.Attributes ?? new Dictionary<string, string>(StringComparer.Ordinal), (bool)state["nf"]!, clientMetadata);
}
