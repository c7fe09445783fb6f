namespace Ninsho.Server.WebConsole;

/// <summary>A pasted JWT decoded, and each check of it against the pool that issued it.</summary>
public sealed record TokenView(string Token, string? Header, string? Claims, string? Problem, IReadOnlyList<TokenCheck> Checks)
{
    public static readonly TokenView Empty = new("", null, null, null, []);
}
