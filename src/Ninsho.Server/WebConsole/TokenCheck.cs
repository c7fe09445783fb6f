namespace Ninsho.Server.WebConsole;

/// <summary>One line of a token's verdict: what was checked, whether it held (null: not checked), and why.</summary>
public sealed record TokenCheck(string Name, bool? Passed, string Detail);
