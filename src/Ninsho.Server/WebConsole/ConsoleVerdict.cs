namespace Ninsho.Server.WebConsole;

/// <summary>The outcome of <see cref="ConsoleAccess.CheckAsync"/>.</summary>
internal sealed record ConsoleVerdict(string Kind, string? Reason = null)
{
    public static readonly ConsoleVerdict Allowed = new("allowed");
    public static readonly ConsoleVerdict NeedsLogin = new("login");
    public static readonly ConsoleVerdict NotHere = new("not-here");

    public static ConsoleVerdict Refused(string reason) => new("refused", reason);
}
