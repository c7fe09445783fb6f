using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Protocol.Validation;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>UpdateManagedLoginBranding: UseCognitoProvidedValues true goes back to Cognito's defaults (the stored
/// Settings dropped; given assets kept); Settings merge into the stored document and assets replace those of their
/// category and color mode (<see cref="BrandingRules"/>); members not given stay. The model leaves UserPoolId and
/// ManagedLoginBrandingId optional, but there is nothing to update without them.</summary>
internal sealed class UpdateManagedLoginBrandingHandler(UserPoolService pools, ManagedLoginBrandingService brandings)
    : IOperationHandler<UpdateManagedLoginBrandingRequest, UpdateManagedLoginBrandingResponse>
{
    public async Task<UpdateManagedLoginBrandingResponse> HandleAsync(UpdateManagedLoginBrandingRequest r, OperationContext context, CancellationToken ct)
    {
        CheckIdentifiers(r);
        var settings = BrandingRules.Given(r.Settings);
        BrandingRules.CheckValues(r.UseCognitoProvidedValues, settings, required: false);
        BrandingRules.CheckAssets(r.Assets);
        var pool = await pools.GetAsync(r.UserPoolId!, ct);
        var updated = await brandings.UpdateAsync(pool.Id, r.ManagedLoginBrandingId!, current =>
        {
            if (r.UseCognitoProvidedValues == true)
            {
                return current with { UseCognitoProvidedValues = true, Settings = null, Assets = r.Assets ?? [] };
            }

            var assets = r.Assets is { } given ? BrandingRules.MergeAssets(current.Assets, given) : current.Assets;
            return settings is { } over
                ? current with { UseCognitoProvidedValues = false, Settings = BrandingRules.MergeSettings(current.Settings, over), Assets = assets }
                : current with { UseCognitoProvidedValues = r.UseCognitoProvidedValues ?? current.UseCognitoProvidedValues, Assets = assets };
        }, ct);
        return new UpdateManagedLoginBrandingResponse { ManagedLoginBranding = updated };
    }

    private static void CheckIdentifiers(UpdateManagedLoginBrandingRequest r)
    {
        var errors = new ValidationErrors();
        if (r.UserPoolId is null)
        {
            errors.Null(null, "userPoolId");
        }

        if (r.ManagedLoginBrandingId is null)
        {
            errors.Null(null, "managedLoginBrandingId");
        }

        if (errors.Count > 0)
        {
            throw CognitoErrors.InvalidParameter(errors.ToMessage());
        }
    }
}
