using System.Text.Json;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Serialization;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>Records users' sign-in events for AdminListUserAuthEvents. As in Cognito, only pools with threat
/// protection on (<c>UserPoolAddOns.AdvancedSecurityMode</c> AUDIT or ENFORCED) keep them; Ninsho assesses no
/// risk, so every event says NoRisk and no compromised credentials. Each recorded event is also queued for log export
/// (<c>userAuthEvents</c>, docs/operations.md#log-delivery).</summary>
internal sealed class AuthEventRecorder(INinshoStorage storage, UserPoolService pools, IdGenerator ids, TimeProvider clock, PoolLogExport logs)
{
    public static bool Records(UserPoolSettings pool) =>
        pool.Config.UserPoolAddOns?.AdvancedSecurityMode is AdvancedSecurityModeType.AUDIT or AdvancedSecurityModeType.ENFORCED;

    /// <summary>UserPoolAddOnNotEnabledException unless the pool records events.</summary>
    public static void RequireEnabled(UserPoolSettings pool)
    {
        if (!Records(pool))
        {
            throw CognitoErrors.UserPoolAddOnNotEnabled();
        }
    }

    /// <summary>A sign-in that ended in tokens.</summary>
    public Task SignedInAsync(SignInContext signIn, StoredUser user, CancellationToken ct) =>
        Records(signIn.Pool) ? AddAsync(signIn, user, EventResponseType.Pass, ChallengeResponse.Success, ct) : Task.CompletedTask;

    /// <summary>A wrong password (or proof of it).</summary>
    public async Task FailedPasswordAsync(SignInContext signIn, StoredUser user, CancellationToken ct)
    {
        if (Records(await pools.GetAsync(user.UserPoolId, ct)))
        {
            await AddAsync(signIn, user, EventResponseType.Fail, ChallengeResponse.Failure, ct);
        }
    }

    private async Task AddAsync(SignInContext signIn, StoredUser user, string response, string passwordResult, CancellationToken ct)
    {
        var detail = new AuthEventType
        {
            EventRisk = new EventRiskType { RiskDecision = RiskDecisionType.NoRisk, CompromisedCredentialsDetected = false },
            ChallengeResponses = [new ChallengeResponseType { ChallengeName = ChallengeName.Password, ChallengeResponse = passwordResult }],
            EventContextData = signIn.IpAddress is { } ip ? new EventContextDataType { IpAddress = ip } : null,
        };
        var stored = new StoredAuthEvent
        {
            UserPoolId = user.UserPoolId,
            UsernameKey = user.UsernameKey,
            EventId = ids.EventId(),
            EventType = EventType.SignIn,
            EventResponse = response,
            CreatedAt = clock.GetUtcNow(),
            DetailJson = JsonSerializer.Serialize(detail, CoreJsonContext.Default.AuthEventType),
        };
        _ = await storage.AuthEvents.AddAsync(stored, ct);
        if (logs.Enabled)
        {
            logs.Add(new UserActivityRecord(stored.UserPoolId, stored.CreatedAt)
            {
                EventId = stored.EventId,
                EventType = stored.EventType,
                EventResponse = stored.EventResponse,
                UserSub = user.Attributes.GetValueOrDefault("sub"),
                UserName = user.Username,
                ClientId = signIn.Client.ClientId,
                IpAddress = signIn.IpAddress,
                RequestId = signIn.RequestId,
                Challenges = [(ChallengeName.Password, passwordResult)],
            });
        }
    }

    /// <summary>The wire form of a stored event.</summary>
    public static AuthEventType View(StoredAuthEvent stored) =>
        (JsonSerializer.Deserialize(stored.DetailJson, CoreJsonContext.Default.AuthEventType) ?? new AuthEventType()) with
        {
            EventId = stored.EventId,
            EventType = stored.EventType,
            EventResponse = stored.EventResponse,
            CreationDate = stored.CreatedAt,
        };
}
