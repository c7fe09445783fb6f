namespace Ninsho.Server.WebConsole;

/// <summary>One page of ListUsers.</summary>
public sealed record UsersView(string PoolId, string? PoolName, string? Filter, ConsoleAnswer Users, TimeSpan Elapsed);
