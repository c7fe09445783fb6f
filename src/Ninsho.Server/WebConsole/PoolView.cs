namespace Ninsho.Server.WebConsole;

/// <summary>A pool at a glance, and what hangs off it.</summary>
public sealed record PoolView(
    string PoolId, ConsoleAnswer Pool, IReadOnlyList<ConsoleAnswer> Clients, ConsoleAnswer ClientList, ConsoleAnswer Groups,
    ConsoleAnswer Providers, ConsoleAnswer ResourceServers);
