namespace Ninsho.Core.SignIn;

/// <summary>What an auth challenge's opaque <c>Session</c> carries, sealed by <see cref="AuthSessions"/>.</summary>
internal sealed record ChallengeSession(string UserPoolId, string ClientId, string UsernameKey, string ChallengeName);
