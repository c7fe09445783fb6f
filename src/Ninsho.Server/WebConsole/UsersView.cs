namespace Ninsho.Server.WebConsole;

/// <summary>One page of ListUsers.</summary>
public sealed record UsersView(string PoolId, string? Filter, ConsoleAnswer Users, TimeSpan Elapsed);
