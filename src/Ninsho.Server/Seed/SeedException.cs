namespace Ninsho.Server.Seed;

/// <summary>A seed file that cannot be applied; its message names the file, line and field.</summary>
internal sealed class SeedException(string message) : Exception(message);
