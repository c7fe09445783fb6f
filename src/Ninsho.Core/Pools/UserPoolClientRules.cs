using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Pools;

/// <summary>Cognito's client defaults and limits (docs/cognito-behaviour.md#token-lifetimes-and-client-defaults), and what a client allows.</summary>
internal static class UserPoolClientRules
{
    /// <summary>What a client with no ExplicitAuthFlows allows.</summary>
    private static readonly string[] DefaultFlows =
        [ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH, ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH, ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH];

    public static bool Allows(UserPoolClientType client, string flow)
    {
        var flows = client.ExplicitAuthFlows is { Count: > 0 } f ? f : DefaultFlows;
        foreach (var given in flows)
        {
            if (given == flow || Legacy(given) == flow)
            {
                return true;
            }
        }

        // With the legacy flow names, SRP and refresh stay allowed whatever is named
        // (docs/compatibility-behaviour.md, "Legacy ExplicitAuthFlows").
        return flow is ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH or ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH
            && flows.All(x => x != Legacy(x));
    }

    private static string Legacy(string flow) => flow switch
    {
        ExplicitAuthFlowsType.ADMIN_NO_SRP_AUTH => ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH,
        ExplicitAuthFlowsType.USER_PASSWORD_AUTH => ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
        ExplicitAuthFlowsType.CUSTOM_AUTH_FLOW_ONLY => ExplicitAuthFlowsType.ALLOW_CUSTOM_AUTH,
        _ => flow,
    };

    public static void CheckFlows(IReadOnlyList<string>? flows)
    {
        if (flows is null)
        {
            return;
        }

        var legacy = flows.Count(f => Legacy(f) != f);
        if (legacy > 0 && legacy < flows.Count)
        {
            throw CognitoErrors.MixedExplicitAuthFlows();
        }
    }

    public static TimeSpan AccessTokenLifetime(UserPoolClientType c) => Lifetime(c.AccessTokenValidity, c.TokenValidityUnits?.AccessToken, TimeSpan.FromHours(1), "hours");

    public static TimeSpan IdTokenLifetime(UserPoolClientType c) => Lifetime(c.IdTokenValidity, c.TokenValidityUnits?.IdToken, TimeSpan.FromHours(1), "hours");

    public static TimeSpan RefreshTokenLifetime(UserPoolClientType c) =>
        Lifetime(c.RefreshTokenValidity is 0 ? null : c.RefreshTokenValidity, c.TokenValidityUnits?.RefreshToken, TimeSpan.FromDays(30), "days");

    public static TimeSpan AuthSessionLifetime(UserPoolClientType c) => TimeSpan.FromMinutes(c.AuthSessionValidity ?? 3);

    /// <summary>Checks token validities against Cognito's ranges: access/ID 5 min-1 day, refresh 60 min-10 years.
    /// Cognito words every range failure the same way (observed for a refresh validity of 36500 days:
    /// awsdocs/aws-cloudformation-user-guide#828, aws-samples/cloudfront-authorization-at-edge#144).</summary>
    public static void CheckValidity(UserPoolClientType c)
    {
        Check(AccessTokenLifetime(c), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        Check(IdTokenLifetime(c), TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        Check(RefreshTokenLifetime(c), TimeSpan.FromMinutes(60), TimeSpan.FromDays(3650));
        if (RefreshTokenLifetime(c) <= AccessTokenLifetime(c) || RefreshTokenLifetime(c) <= IdTokenLifetime(c))
        {
            throw CognitoErrors.RefreshValidityTooShort();
        }
    }

    private static void Check(TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            throw CognitoErrors.TokenValidityOutOfRange();
        }
    }

    private static TimeSpan Lifetime(int? value, string? unit, TimeSpan fallback, string defaultUnit)
    {
        if (value is not { } v)
        {
            return fallback;
        }

        return (unit ?? defaultUnit) switch
        {
            TimeUnitsType.seconds => TimeSpan.FromSeconds(v),
            TimeUnitsType.minutes => TimeSpan.FromMinutes(v),
            TimeUnitsType.hours => TimeSpan.FromHours(v),
            _ => TimeSpan.FromDays(v),
        };
    }
}
