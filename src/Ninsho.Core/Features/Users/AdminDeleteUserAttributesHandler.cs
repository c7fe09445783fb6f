using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Users;

/// <summary>AdminDeleteUserAttributes: required and immutable attributes can't be removed.</summary>
internal sealed class AdminDeleteUserAttributesHandler(UserDirectory directory, UserUpdater updater)
    : IOperationHandler<AdminDeleteUserAttributesRequest, AdminDeleteUserAttributesResponse>
{
    public async Task<AdminDeleteUserAttributesResponse> HandleAsync(AdminDeleteUserAttributesRequest request, OperationContext context, CancellationToken ct)
    {
        var (pool, user) = await directory.GetWithPoolAsync(request.UserPoolId, request.Username, ct);
        CheckDeletable(pool, request.UserAttributeNames);
        _ = await updater.UpdateAsync(user, u => u with { Attributes = Without(u.Attributes, request.UserAttributeNames) }, ct);
        return new AdminDeleteUserAttributesResponse();
    }

    /// <summary>Required and immutable attributes, and names not in the schema, can't be deleted.</summary>
    internal static void CheckDeletable(UserPoolSettings pool, IReadOnlyList<string> names)
    {
        foreach (var name in names)
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
    }

    /// <summary>The attributes without <paramref name="names"/>; an email or phone takes its verified flag along.</summary>
    internal static Dictionary<string, string> Without(IReadOnlyDictionary<string, string> attributes, IReadOnlyList<string> names)
    {
        var next = new Dictionary<string, string>(attributes, StringComparer.Ordinal);
        foreach (var name in names)
        {
            next.Remove(name);
            if (name is "email" or "phone_number")
            {
                next.Remove(name + "_verified");
            }
        }

        return next;
    }
}
