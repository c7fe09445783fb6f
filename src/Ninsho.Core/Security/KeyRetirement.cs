namespace Ninsho.Core.Security;

/// <summary><see cref="Retired"/> names what was deleted; <see cref="PendingUntil"/> is set (and nothing deleted)
/// while a rotated-in key does not yet sign or seal: retiring then would leave values made since the rotation
/// unreadable.</summary>
public sealed record KeyRetirement(IReadOnlyList<string> Retired, DateTimeOffset? PendingUntil);
