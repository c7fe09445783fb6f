using Ninsho.Core.Messages;
using Ninsho.Core.Pools;
using Ninsho.Core.SignIn;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>UpdateUserAttributes (access token): a changed email or phone becomes unverified and, when the pool
/// auto-verifies it, gets a verification code; one the pool requires to be verified before update is held
/// (<see cref="PendingAttributes"/>) and the code goes to the new value.</summary>
internal sealed class UpdateUserAttributesHandler(
    AccessTokenAuthenticator authenticator, UserPoolClientService clients, UserDirectory directory, UserUpdater updater, UserCodes codes)
    : IOperationHandler<UpdateUserAttributesRequest, UpdateUserAttributesResponse>
{
    public async Task<UpdateUserAttributesResponse> HandleAsync(UpdateUserAttributesRequest r, OperationContext context, CancellationToken ct)
    {
        var (pool, user, claims) = await authenticator.AuthenticateAsync(r.AccessToken, ct);
        var given = UserAttributeRules.CheckWritable(pool, r.UserAttributes, AttributeWrite.Update);
        UserAttributeRules.CheckClientWritable(await clients.GetAsync(claims.ClientId, pool.Id, ct), given);
        await AdminUpdateUserAttributesHandler.CheckUsernameAttributesFreeAsync(directory, pool, user, given, ct);
        var (now, held) = PendingAttributes.Split(pool, user, given);
        var before = user.Attributes;
        user = await updater.UpdateAsync(user, u => u with
        {
            Attributes = UserAttributeChanges.Apply(u.Attributes, now),
            ExtraJson = PendingAttributes.Record(UserState.Read(u), given, held).Write(),
        }, ct);

        var auto = pool.Config.AutoVerifiedAttributes ?? [];
        var deliveries = new List<CodeDeliveryDetailsType>();
        var origin = MessageOrigin.Of(CustomMessage.UpdateUserAttributeSource, claims.ClientId, r.ClientMetadata);
        foreach (var name in new[] { "email", "phone_number" })
        {
            if (held.TryGetValue(name, out var pending))
            {
                deliveries.Add(await codes.IssueAsync(pool, user, OneTimeCodes.Verify(name), OneTimeCodes.SignUpValidity, name, pending, origin, ct));
                user = await directory.GetAsync(pool, user.Username, ct);
            }
            else if (auto.Contains(name) && user.Attributes.GetValueOrDefault(name) is { Length: > 0 } value && before.GetValueOrDefault(name) != value
                && user.Attributes.GetValueOrDefault(name + "_verified") != "true")
            {
                deliveries.Add(await codes.IssueAsync(pool, user, OneTimeCodes.Verify(name), OneTimeCodes.SignUpValidity, name, origin, ct));
                user = await directory.GetAsync(pool, user.Username, ct);
            }
        }

        return new UpdateUserAttributesResponse { CodeDeliveryDetailsList = deliveries };
    }
}
