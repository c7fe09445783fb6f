namespace Ninsho.Core.Security;

/// <summary>How many app clients and SAML signing keys were sealed again; <see cref="PendingUntil"/> is set (and
/// nothing done) while the newest generation does not yet seal.</summary>
public sealed record ResealReport(int ClientSecrets, int SigningCertificates, DateTimeOffset? PendingUntil);
