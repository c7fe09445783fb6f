using Ninsho.Core.Features.PoolConfiguration;
using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UICustomization;

/// <summary>SetUICustomization: the CSS and logo of the pool's default (ClientId absent or <c>ALL</c>) or of one app
/// client. The pool needs a domain. Each call replaces both CSS and logo; a call with neither removes the setting
/// (a client then falls back to the pool's again), as Terraform's delete does.</summary>
internal sealed class SetUICustomizationHandler(INinshoStorage storage, UserPoolService pools, UICustomizationService branding, TimeProvider clock)
    : IOperationHandler<SetUICustomizationRequest, SetUICustomizationResponse>
{
    public async Task<SetUICustomizationResponse> HandleAsync(SetUICustomizationRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        if ((await storage.Domains.ListForPoolAsync(pool.Id, ct)).Count == 0)
        {
            throw CognitoErrors.UICustomizationNeedsDomain();
        }

        var scope = await ClientScope.ResolveAsync(storage, pool.Id, r.ClientId, ct);
        var css = string.IsNullOrEmpty(r.CSS) ? null : r.CSS;
        var image = r.ImageFile is { Length: > 0 } bytes ? bytes : null;
        if (css is null && image is null)
        {
            // Guessed: the answer to a removal names the setting and nothing else.
            _ = await storage.PoolResources.DeleteAsync(pool.Id, UICustomizationService.Kind, scope, ct);
            return new SetUICustomizationResponse { UICustomization = new UICustomizationType { UserPoolId = pool.Id, ClientId = scope } };
        }

        if (css is not null)
        {
            UICustomizationCss.Check(css);
        }

        var contentType = image is null ? null : UICustomizationImageRules.ContentType(image);
        var now = clock.GetUtcNow();
        var row = await PoolResourceWriter.PutAsync(storage.PoolResources, pool.Id, UICustomizationService.Kind, scope,
            replaced => UICustomizationService.Serialize(new StoredUICustomization
            {
                CSS = css,
                Image = image,
                ImageContentType = contentType,
                CSSVersion = UICustomizationService.NextVersion(replaced, now),
            }),
            now, ct);
        return new SetUICustomizationResponse { UICustomization = branding.View(row) };
    }
}
