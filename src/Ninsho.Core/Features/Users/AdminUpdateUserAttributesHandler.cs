using Ninsho.Core.Messages;
using Ninsho.Core.Pools;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminUpdateUserAttributes: a changed email or phone is unverified unless the request says otherwise;
/// one the pool requires to be verified before update is held until the user verifies it (a code goes to the new
/// value), unless the request also sets its <c>_verified</c> attribute to true.</summary>
internal sealed class AdminUpdateUserAttributesHandler(UserDirectory directory, UserUpdater updater, UserCodes codes)
    : IOperationHandler<AdminUpdateUserAttributesRequest, AdminUpdateUserAttributesResponse>
{
    public async Task<AdminUpdateUserAttributesResponse> HandleAsync(AdminUpdateUserAttributesRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        var given = UserAttributeRules.CheckWritable(pool, request.UserAttributes, AttributeWrite.Update);
        await CheckUsernameAttributesFreeAsync(directory, pool, user, given, ct);
        var (now, held) = PendingAttributes.Split(pool, user, given);
        user = await updater.UpdateAsync(user, u => u with
        {
            Attributes = UserAttributeChanges.Apply(u.Attributes, now),
            ExtraJson = PendingAttributes.Record(UserState.Read(u), given, held).Write(),
        }, ct);
        foreach (var (name, value) in held.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            _ = await codes.IssueAsync(pool, user, OneTimeCodes.Verify(name), OneTimeCodes.SignUpValidity, name, value,
                MessageOrigin.Of(CustomMessage.UpdateUserAttributeSource, null, request.ClientMetadata), ct);
            user = await directory.GetAsync(pool, user.Username, ct);
        }

        return new AdminUpdateUserAttributesResponse();
    }

    /// <summary>An email or phone that is a username attribute may belong to one user only.</summary>
    internal static async Task CheckUsernameAttributesFreeAsync(
        UserDirectory directory, UserPoolSettings pool, Storage.StoredUser user, IReadOnlyList<AttributeType> changes, CancellationToken ct)
    {
        foreach (var name in pool.UsernameAttributes)
        {
            if (changes.FirstOrDefault(a => a.Name == name)?.Value is { Length: > 0 } value
                && await directory.FindHolderAsync(pool, name, value, user.UsernameKey, ct) is not null)
            {
                throw CognitoErrors.AliasTaken(name);
            }
        }
    }
}
