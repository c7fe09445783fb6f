using Ninsho.Storage;

namespace Ninsho.Server.WebConsole;

/// <summary>A user and everything the user page shows.</summary>
public sealed record UserView(
    string PoolId, string Username, ConsoleAnswer User, ConsoleAnswer Groups, ConsoleAnswer PoolGroups, ConsoleAnswer Devices,
    ConsoleAnswer AuthEvents, IReadOnlyList<StoredWebAuthnCredential> Passkeys);
