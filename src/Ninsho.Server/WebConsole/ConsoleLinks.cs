namespace Ninsho.Server.WebConsole;

/// <summary>The console's URLs, escaped once here.</summary>
internal static class ConsoleLinks
{
    private static string E(string value) => Uri.EscapeDataString(value);

    public static string Home => ConsoleEndpoints.BasePath + "/";

    public static string Pool(string poolId) => $"{ConsoleEndpoints.BasePath}/pools/{E(poolId)}";

    public static string Users(string poolId) => Pool(poolId) + "/users";

    public static string UsersPage(string poolId, string? filter, string? token) =>
        Users(poolId) + "?filter=" + E(filter ?? "") + (token is null ? "" : "&page=" + E(token));

    /// <summary>A user's page; the username goes in the query, as a username may hold a slash.</summary>
    public static string User(string poolId, string username) => Pool(poolId) + "/user?username=" + E(username);

    public static string UserAction(string poolId, string action) => Pool(poolId) + "/user/" + action;

    public static string Messages(string? poolId = null, string? recipient = null) =>
        ConsoleEndpoints.BasePath + "/messages" + (poolId is null && recipient is null ? "" : $"?pool={E(poolId ?? "")}&recipient={E(recipient ?? "")}");

    public static string Tokens => ConsoleEndpoints.BasePath + "/tokens";
}
