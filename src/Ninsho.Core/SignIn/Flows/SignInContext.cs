using Ninsho.Core.Pools;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.SignIn;

/// <summary>One sign-in request as the operation received it, handed explicitly down every step of the sign-in:
/// the pool and app client it runs against, whether an admin operation (AdminInitiateAuth,
/// AdminRespondToAuthChallenge) started it, the caller's <c>ClientMetadata</c> (for the triggers that receive it) and
/// the client's IP address (for the auth event it may record).</summary>
internal sealed record SignInContext(UserPoolSettings Pool, UserPoolClientType Client)
{
    /// <summary>True for AdminInitiateAuth and AdminRespondToAuthChallenge.</summary>
    public bool Admin { get; init; }

    /// <summary>The request's <c>ClientMetadata</c>, or null when it sent none.</summary>
    public IReadOnlyDictionary<string, string>? ClientMetadata { get; init; }

    /// <summary>True for InitiateAuth and AdminInitiateAuth: their ClientMetadata reaches only pre authentication (as
    /// validationData), never the triggers that run later in the sign-in (docs/triggers.md#preauthentication).</summary>
    public bool Initiating { get; init; }

    /// <summary>The pre token generation <c>triggerSource</c> of the tokens this sign-in ends with (docs/triggers.md#pretokengeneration).</summary>
    public string TokenSource { get; init; } = Triggers.PreTokenGeneration.Authentication;

    /// <summary>The ClientMetadata that post authentication and pre token generation receive: none for InitiateAuth.</summary>
    public IReadOnlyDictionary<string, string>? TriggerClientMetadata => Initiating ? null : ClientMetadata;

    /// <summary>The IP address for auth events: the one the request's context data names, else the caller's.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The id the operation is answered with (<c>x-amzn-RequestId</c>), for exported auth events; null for
    /// sign-ins that do not come from the sign-in operations.</summary>
    public string? RequestId { get; init; }

    /// <summary>Set by the hosted UI's pages: the sign-in ends with this instead of tokens (<see cref="SignInFinish"/>).</summary>
    public SignInFinish? Finish { get; init; }

    /// <summary>Sign-ins that do not come from the sign-in operations (the hosted UI, the token endpoint).</summary>
    public static SignInContext For(UserPoolSettings pool, UserPoolClientType client) => new(pool, client);

    /// <summary>The IP address to record: the context data's when the request sent one, else the caller's.</summary>
    public static string? IpFrom(string? contextIpAddress, string? remoteAddress) =>
        string.IsNullOrEmpty(contextIpAddress) ? remoteAddress : contextIpAddress;
}
