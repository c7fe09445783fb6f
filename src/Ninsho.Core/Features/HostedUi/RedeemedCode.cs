namespace Ninsho.Core.Features.HostedUi;

/// <summary>A code spent by <see cref="AuthorizationCodes.RedeemAsync"/>: where its row is, and what it granted.</summary>
internal sealed record RedeemedCode(string UserPoolId, string Name, IssuedCode Grant);
