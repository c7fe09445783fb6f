namespace Ninsho.CodeGen;

/// <summary>An operation of a service model.</summary>
internal sealed record Operation(string Name, string Input, string? Output, bool IsPublic);
