using Ninsho.Core.Features.UserPools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminDeleteUserAttributes: required and immutable attributes can't be removed.</summary>
internal sealed class AdminDeleteUserAttributesHandler(UserPoolService pools, UserDirectory directory, UserUpdater updater)
    : IOperationHandler<AdminDeleteUserAttributesRequest, AdminDeleteUserAttributesResponse>
{
    public async Task<AdminDeleteUserAttributesResponse> HandleAsync(AdminDeleteUserAttributesRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var user = await directory.GetAsync(pool, request.Username, ct);
        foreach (var name in request.UserAttributeNames)
        {
            var schema = pool.Schema.FirstOrDefault(s => s.Name == name) ?? throw UserAttributeRules.Schema(name, "Attribute does not exist in the schema.");
            if (schema.Required == true)
            {
                throw UserAttributeRules.Schema(name, "The attribute is required");
            }

            if (schema.Mutable == false)
            {
                throw UserAttributeRules.Schema(name, "Attribute cannot be updated. (changing an immutable attribute)");
            }
        }

        _ = await updater.UpdateAsync(user, u =>
        {
            var next = new Dictionary<string, string>(u.Attributes, StringComparer.Ordinal);
            foreach (var name in request.UserAttributeNames)
            {
                next.Remove(name);
                if (name is "email" or "phone_number")
                {
                    next.Remove(name + "_verified");
                }
            }

            return u with { Attributes = next };
        }, ct);
        return new AdminDeleteUserAttributesResponse();
    }
}
