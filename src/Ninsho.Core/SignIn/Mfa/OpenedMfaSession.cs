namespace Ninsho.Core.SignIn;

/// <summary>An opened MFA session: the sealed content, its stage and round.</summary>
internal sealed record OpenedMfaSession(ChallengeSession Session, string Stage, long Round);
