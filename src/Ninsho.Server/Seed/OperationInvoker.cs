using System.Text.Json.Nodes;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Server.Seed;

/// <summary>Runs a Cognito operation inside the server, through the same descriptor the HTTP dispatcher uses: the
/// body is read and checked against the model, then the operation's handler runs. The seed file and the
/// test-control routes create everything this way, so they accept exactly what the API accepts. Unsigned, so new
/// ids take the server's region.</summary>
internal sealed class OperationInvoker(IServiceProvider services)
{
    /// <summary>A cognito-idp operation; the parsed response, or a <see cref="CognitoException"/>.</summary>
    public Task<JsonNode?> IdpAsync(string operation, JsonObject body, CancellationToken ct) =>
        InvokeAsync(IdentityProviderOperations.ByTarget[IdentityProviderOperations.TargetPrefix + "." + operation], body, ct);

    /// <summary>A cognito-identity operation.</summary>
    public Task<JsonNode?> IdentityAsync(string operation, JsonObject body, CancellationToken ct) =>
        InvokeAsync(IdentityOperations.ByTarget[IdentityOperations.TargetPrefix + "." + operation], body, ct);

    /// <summary>Null when the operation answers ResourceNotFoundException (a Describe of what does not exist).</summary>
    public async Task<JsonNode?> FindIdpAsync(string operation, JsonObject body, CancellationToken ct)
    {
        try
        {
            return await IdpAsync(operation, body, ct);
        }
        catch (CognitoException e) when (e.Type is "ResourceNotFoundException" or "UserNotFoundException")
        {
            return null;
        }
    }

    /// <summary>Null when the identity operation answers ResourceNotFoundException.</summary>
    public async Task<JsonNode?> FindIdentityAsync(string operation, JsonObject body, CancellationToken ct)
    {
        try
        {
            return await IdentityAsync(operation, body, ct);
        }
        catch (CognitoException e) when (e.Type == "ResourceNotFoundException")
        {
            return null;
        }
    }

    private async Task<JsonNode?> InvokeAsync(OperationDescriptor descriptor, JsonObject body, CancellationToken ct)
    {
        var context = new OperationContext { RequestId = Guid.NewGuid().ToString(), OperationName = descriptor.Name };
        var answer = await descriptor.InvokeAsync(services, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), context, ct);
        return JsonNode.Parse(answer);
    }
}
