using System.Text.Json;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>
/// Managed login branding styles, kept as pool resources of kind <c>managed-login-branding</c> named by their
/// ManagedLoginBrandingId (so Describe by id is one lookup). An app client has at most one style
/// (ManagedLoginBrandingExistsException): each style claims its client id (kind <c>managed-login-branding-client</c>,
/// see <see cref="PoolResourceClaims"/>), which is also how DescribeManagedLoginBrandingByClient and client deletion
/// find it.
/// </summary>
internal sealed class ManagedLoginBrandingService(INinshoStorage storage, PoolResourceClaims claims, TimeProvider clock)
{
    public const string Kind = PoolResourceKinds.ManagedLoginBranding;
    public const string ClientKind = PoolResourceKinds.ManagedLoginBrandingClient;

    private const int ChangeAttempts = 5;

    public async Task<ManagedLoginBrandingType> GetAsync(string userPoolId, string brandingId, CancellationToken ct) =>
        await storage.PoolResources.FindAsync(userPoolId, Kind, brandingId, ct) is { } row ? View(row) : throw CognitoErrors.BrandingNotFound(brandingId);

    public async Task<ManagedLoginBrandingType> GetForClientAsync(string userPoolId, string clientId, CancellationToken ct) =>
        await claims.HolderAsync(userPoolId, ClientKind, clientId, ct) is { } brandingId
        && await storage.PoolResources.FindAsync(userPoolId, Kind, brandingId, ct) is { } row
            ? View(row)
            : throw CognitoErrors.BrandingNotFoundForClient(clientId);

    public async Task<ManagedLoginBrandingType> CreateAsync(string userPoolId, StoredBranding branding, CancellationToken ct)
    {
        var brandingId = Guid.NewGuid().ToString("D");
        if (!await claims.TryClaimAsync(userPoolId, ClientKind, branding.ClientId, Kind, brandingId, _ => true, ct))
        {
            throw CognitoErrors.BrandingExists();
        }

        var now = clock.GetUtcNow();
        var row = new StoredPoolResource
        {
            UserPoolId = userPoolId,
            Kind = Kind,
            Name = brandingId,
            BodyJson = JsonSerializer.Serialize(branding, BrandingJsonContext.Default.StoredBranding),
            CreatedAt = now,
            ModifiedAt = now,
        };
        _ = await storage.PoolResources.CreateAsync(row, ct);
        return View(row);
    }

    public async Task<ManagedLoginBrandingType> UpdateAsync(string userPoolId, string brandingId, Func<StoredBranding, StoredBranding> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ChangeAttempts; attempt++)
        {
            var row = await storage.PoolResources.FindAsync(userPoolId, Kind, brandingId, ct) ?? throw CognitoErrors.BrandingNotFound(brandingId);
            var current = Body(row);
            var next = row with
            {
                BodyJson = JsonSerializer.Serialize(change(current) with { ClientId = current.ClientId }, BrandingJsonContext.Default.StoredBranding),
                ModifiedAt = clock.GetUtcNow(),
            };
            switch (await storage.PoolResources.UpdateAsync(next, ct))
            {
                case UpdateResult.Updated:
                    return View(next);
                case UpdateResult.NotFound:
                    throw CognitoErrors.BrandingNotFound(brandingId);
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }

    public async Task DeleteAsync(string userPoolId, string brandingId, CancellationToken ct)
    {
        var row = await storage.PoolResources.FindAsync(userPoolId, Kind, brandingId, ct) ?? throw CognitoErrors.BrandingNotFound(brandingId);
        if (!await storage.PoolResources.DeleteAsync(userPoolId, Kind, brandingId, ct))
        {
            throw CognitoErrors.BrandingNotFound(brandingId);
        }

        await claims.ReleaseAsync(userPoolId, ClientKind, Body(row).ClientId, brandingId, ct);
    }

    /// <summary>Deletes an app client's style (when the client is deleted).</summary>
    public async Task DeleteForClientAsync(string userPoolId, string clientId, CancellationToken ct)
    {
        if (await claims.HolderAsync(userPoolId, ClientKind, clientId, ct) is { } brandingId)
        {
            _ = await storage.PoolResources.DeleteAsync(userPoolId, Kind, brandingId, ct);
            _ = await storage.PoolResources.DeleteAsync(userPoolId, ClientKind, clientId, ct);
        }
    }

    private static StoredBranding Body(StoredPoolResource row) =>
        JsonSerializer.Deserialize(row.BodyJson, BrandingJsonContext.Default.StoredBranding) ?? new StoredBranding { ClientId = string.Empty };

    /// <summary>The style as the API shows it: Settings left out when there are none (Cognito's defaults), Assets
    /// always present (observed).</summary>
    private static ManagedLoginBrandingType View(StoredPoolResource row)
    {
        var body = Body(row);
        return new ManagedLoginBrandingType
        {
            ManagedLoginBrandingId = row.Name,
            UserPoolId = row.UserPoolId,
            UseCognitoProvidedValues = body.UseCognitoProvidedValues,
            Settings = body.Settings,
            Assets = body.Assets,
            CreationDate = row.CreatedAt,
            LastModifiedDate = row.ModifiedAt,
        };
    }
}
