namespace Ninsho.CodeGen;

/// <summary>A member of a structure shape: its name on the wire and the shape it targets.</summary>
internal sealed record Member(string Name, string Target);
