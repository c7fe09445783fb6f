using Ninsho.Core.Security;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserPoolClients;

/// <summary>AddUserPoolClientSecret: a second secret for a confidential client, for rotation without downtime
/// (at most two at a time). The value is returned only when Ninsho generated it.</summary>
internal sealed class AddUserPoolClientSecretHandler(ClientSecretRotation rotation, IdGenerator ids, TimeProvider clock)
    : IOperationHandler<AddUserPoolClientSecretRequest, AddUserPoolClientSecretResponse>
{
    public async Task<AddUserPoolClientSecretResponse> HandleAsync(AddUserPoolClientSecretRequest r, OperationContext context, CancellationToken ct)
    {
        var (stored, client) = await rotation.GetAsync(r.UserPoolId, r.ClientId, ct);
        var secrets = ClientSecretSet.Of(client);
        if (secrets.Count == 0)
        {
            // Wording guessed: the model only says the operation is for "an existing confidential" client.
            throw CognitoErrors.InvalidParameter($"Client {r.ClientId} is not configured with a client secret.");
        }

        if (secrets.Count >= ClientSecretSet.Limit)
        {
            // Type from the model's error list and its "up to 2 active secrets" rule; wording guessed.
            throw CognitoErrors.LimitExceeded($"Client {r.ClientId} already has the maximum number of client secrets ({ClientSecretSet.Limit}).");
        }

        var now = clock.GetUtcNow();
        if (secrets.Any(s => s.CreatedMs >= now.ToUnixTimeMilliseconds()))
        {
            now = DateTimeOffset.FromUnixTimeMilliseconds(secrets.Max(s => s.CreatedMs) + 1);
        }

        var value = r.ClientSecret ?? ids.ClientSecret();
        if (secrets.Any(s => s.Value == value))
        {
            throw CognitoErrors.InvalidParameter("The client secret is already in use by this client.");
        }

        var added = ClientSecretEntry.Create(r.ClientId, value, now);
        await rotation.SaveAsync(stored, client, [.. secrets, added], ct);
        return new AddUserPoolClientSecretResponse
        {
            ClientSecretDescriptor = new ClientSecretDescriptorType
            {
                ClientSecretId = added.Id,
                ClientSecretValue = r.ClientSecret is null ? value : null,
                ClientSecretCreateDate = added.CreatedAt,
            },
        };
    }
}
