using System.Text.Json.Nodes;
using Ninsho.Protocol.Errors;
using Ninsho.Server.Seed;

namespace Ninsho.Server.WebConsole;

/// <summary>Every console read and action runs a Cognito operation through <see cref="OperationInvoker"/>, the
/// descriptor the JSON dispatcher uses: the body is checked against the model, then the operation's handler runs,
/// so the console accepts and refuses exactly what the API does, with the same error types and messages.</summary>
internal sealed class ConsoleCognito(OperationInvoker invoker)
{
    public Task<ConsoleAnswer> IdpAsync(string operation, JsonObject body, CancellationToken ct) =>
        RunAsync(() => invoker.IdpAsync(operation, body, ct));

    public Task<ConsoleAnswer> IdentityAsync(string operation, JsonObject body, CancellationToken ct) =>
        RunAsync(() => invoker.IdentityAsync(operation, body, ct));

    private static async Task<ConsoleAnswer> RunAsync(Func<Task<JsonNode?>> call)
    {
        try
        {
            return new ConsoleAnswer(await call(), null, null);
        }
        catch (CognitoException e)
        {
            return new ConsoleAnswer(null, e.Type, e.Message);
        }
    }
}
