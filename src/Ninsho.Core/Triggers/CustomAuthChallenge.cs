using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.Triggers;

/// <summary>The custom authentication triggers (docs/triggers.md#custom-authentication): the events of define, create
/// and verify, and what their answers mean. <c>session</c> is the array of earlier rounds, oldest first, each
/// <c>{challengeName, challengeResult, challengeMetadata}</c>.</summary>
internal static class CustomAuthChallenge
{
    public const string DefineSource = "DefineAuthChallenge_Authentication";
    public const string CreateSource = "CreateAuthChallenge_Authentication";
    public const string VerifySource = "VerifyAuthChallengeResponse_Authentication";

    /// <summary>The first round of a flow that proves the password by SRP (AuthParameters CHALLENGE_NAME), not a
    /// ChallengeNameType member.</summary>
    public const string SrpA = "SRP_A";

    /// <summary>Who the rounds are about: the event's userName, its userAttributes, request.userNotFound and the
    /// clientMetadata of the call (only RespondToAuthChallenge passes it; null leaves the member out).</summary>
    public sealed record Caller(
        UserPoolSettings Pool, string ClientId, string UserName, IReadOnlyDictionary<string, string> Attributes, bool UserNotFound,
        IReadOnlyDictionary<string, string>? ClientMetadata);

    public sealed record Decision(string? ChallengeName, bool IssueTokens, bool FailAuthentication);

    public sealed record Challenge(JsonObject Public, JsonObject Private, string? Metadata);

    /// <summary>One entry of <c>session</c>.</summary>
    public static JsonObject Round(string challengeName, bool result, string? metadata) =>
        new() { ["challengeName"] = challengeName, ["challengeResult"] = result, ["challengeMetadata"] = metadata };

    public static async Task<Decision> DefineAsync(LambdaTriggers triggers, Caller caller, JsonArray session, CancellationToken ct)
    {
        var prefill = new JsonObject { ["challengeName"] = null, ["issueTokens"] = false, ["failAuthentication"] = false };
        var response = await RunAsync(triggers, caller, UserPoolTrigger.DefineAuthChallenge, DefineSource, Request(caller, session), prefill, ct);
        return new Decision(
            TriggerResponse.Text(response, "challengeName"),
            TriggerResponse.Flag(response, "issueTokens"),
            TriggerResponse.Flag(response, "failAuthentication"));
    }

    public static async Task<Challenge> CreateAsync(
        LambdaTriggers triggers, Caller caller, string challengeName, JsonArray session, CancellationToken ct)
    {
        var request = Request(caller, session);
        request["challengeName"] = challengeName;
        var prefill = new JsonObject { ["publicChallengeParameters"] = null, ["privateChallengeParameters"] = null, ["challengeMetadata"] = null };
        var response = await RunAsync(triggers, caller, UserPoolTrigger.CreateAuthChallenge, CreateSource, request, prefill, ct);
        return new Challenge(StringMap(response, "publicChallengeParameters"), StringMap(response, "privateChallengeParameters"),
            TriggerResponse.Text(response, "challengeMetadata"));
    }

    public static async Task<bool> VerifyAsync(
        LambdaTriggers triggers, Caller caller, JsonObject privateParameters, string answer, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["userAttributes"] = TriggerEvents.UserAttributes(caller.Attributes),
            ["privateChallengeParameters"] = privateParameters.DeepClone(),
            ["challengeAnswer"] = answer,
        }.WithClientMetadata(caller.ClientMetadata);
        request["userNotFound"] = caller.UserNotFound;
        var prefill = new JsonObject { ["answerCorrect"] = false };
        var response = await RunAsync(triggers, caller, UserPoolTrigger.VerifyAuthChallengeResponse, VerifySource, request, prefill, ct);
        return TriggerResponse.Flag(response, "answerCorrect");
    }

    private static JsonObject Request(Caller caller, JsonArray session)
    {
        var request = new JsonObject
        {
            ["userAttributes"] = TriggerEvents.UserAttributes(caller.Attributes),
            ["session"] = session.DeepClone(),
        }.WithClientMetadata(caller.ClientMetadata);
        request["userNotFound"] = caller.UserNotFound;
        return request;
    }

    /// <summary>Runs one of the three; a pool without it cannot run the flow: Cognito's observed text (guessed
    /// cause, docs/triggers.md#custom-authentication).</summary>
    private static async Task<JsonObject> RunAsync(
        LambdaTriggers triggers, Caller caller, UserPoolTrigger trigger, string source, JsonObject request, JsonObject prefill, CancellationToken ct) =>
        await triggers.InvokeAsync(caller.Pool, trigger, source, caller.UserName, caller.ClientId, request, prefill, ct)
            ?? throw CognitoErrors.CustomAuthTriggerMissing();

    /// <summary>A map of strings; empty when missing or null, "Unrecognizable lambda output" for anything else.</summary>
    private static JsonObject StringMap(JsonObject response, string name)
    {
        switch (response[name])
        {
            case null:
                return [];
            case JsonObject map:
                var copy = new JsonObject();
                foreach (var (key, value) in map)
                {
                    copy[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw CognitoErrors.TriggerUnrecognizableOutput();
                }

                return copy;
            default:
                throw CognitoErrors.TriggerUnrecognizableOutput();
        }
    }
}
