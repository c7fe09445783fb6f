using Ninsho.Core.Pools;
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
            throw CognitoErrors.ClientHasNoSecret(r.ClientId);
        }

        if (secrets.Count >= ClientSecretSet.Limit)
        {
            throw CognitoErrors.ClientSecretLimit(r.ClientId, ClientSecretSet.Limit);
        }

        var now = clock.GetUtcNow();
        if (secrets.Any(s => s.CreatedMs >= now.ToUnixTimeMilliseconds()))
        {
            now = DateTimeOffset.FromUnixTimeMilliseconds(secrets.Max(s => s.CreatedMs) + 1);
        }

        var value = r.ClientSecret ?? ids.ClientSecret();
        if (secrets.Any(s => s.Value == value))
        {
            throw CognitoErrors.ClientSecretInUse();
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
