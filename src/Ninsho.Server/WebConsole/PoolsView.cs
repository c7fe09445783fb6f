namespace Ninsho.Server.WebConsole;

/// <summary>The pools list: one page of user pools and of identity pools.</summary>
public sealed record PoolsView(ConsoleAnswer UserPools, ConsoleAnswer IdentityPools);
