using System.Text.Json;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Terms;

/// <summary>
/// An app client's terms documents, kept as pool resources of kind <c>terms</c> named by their TermsId (so DescribeTerms
/// is one lookup), with the TermsType without its pool id and dates as the body. A TermsName is unique per app client
/// (TermsExistsException): each document also claims <c>{clientId}/{termsName}</c> (kind <c>terms-name</c>, see
/// <see cref="PoolResourceClaims"/>). The model allows only two names, so a client has at most two documents and
/// deleting a client finds them with two lookups.
/// </summary>
internal sealed class TermsService(INinshoStorage storage, PoolResourceClaims claims, TimeProvider clock)
{
    public const string Kind = PoolResourceKinds.Terms;
    public const string NameKind = PoolResourceKinds.TermsName;

    /// <summary>Every TermsName the model allows (TermsNameType's pattern).</summary>
    public static readonly IReadOnlyList<string> Names = ["terms-of-use", "privacy-policy"];

    private const int ChangeAttempts = 5;

    public async Task<TermsType> GetAsync(string userPoolId, string termsId, CancellationToken ct) =>
        await storage.PoolResources.FindAsync(userPoolId, Kind, termsId, ct) is { } row ? View(row) : throw CognitoErrors.TermsNotFound(termsId);

    public async Task<TermsType> CreateAsync(string userPoolId, TermsType terms, CancellationToken ct)
    {
        var termsId = Guid.NewGuid().ToString("D");
        await ClaimAsync(userPoolId, terms.ClientId, terms.TermsName, termsId, ct);
        var now = clock.GetUtcNow();
        var row = new StoredPoolResource
        {
            UserPoolId = userPoolId,
            Kind = Kind,
            Name = termsId,
            BodyJson = Serialize(terms with { TermsId = termsId }),
            CreatedAt = now,
            ModifiedAt = now,
        };
        _ = await storage.PoolResources.CreateAsync(row, ct);
        return View(row);
    }

    /// <summary>Applies <paramref name="change"/> to the stored document; a new TermsName is claimed before the
    /// document changes and the old one released after.</summary>
    public async Task<TermsType> UpdateAsync(string userPoolId, string termsId, Func<TermsType, TermsType> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ChangeAttempts; attempt++)
        {
            var row = await storage.PoolResources.FindAsync(userPoolId, Kind, termsId, ct) ?? throw CognitoErrors.TermsNotFound(termsId);
            var current = View(row);
            var updated = change(current) with { TermsId = termsId, ClientId = current.ClientId };
            var renamed = updated.TermsName != current.TermsName;
            if (renamed)
            {
                await ClaimAsync(userPoolId, current.ClientId, updated.TermsName, termsId, ct);
            }

            var next = row with { BodyJson = Serialize(updated), ModifiedAt = clock.GetUtcNow() };
            switch (await storage.PoolResources.UpdateAsync(next, ct))
            {
                case UpdateResult.Updated:
                    if (renamed)
                    {
                        await claims.ReleaseAsync(userPoolId, NameKind, ClaimName(current.ClientId, current.TermsName), termsId, ct);
                    }

                    return View(next);
                case UpdateResult.NotFound:
                    await ReleaseIfRenamedAsync();
                    throw CognitoErrors.TermsNotFound(termsId);
                default:
                    await ReleaseIfRenamedAsync();
                    break;
            }

            async Task ReleaseIfRenamedAsync()
            {
                if (renamed)
                {
                    await claims.ReleaseAsync(userPoolId, NameKind, ClaimName(current.ClientId, updated.TermsName), termsId, ct);
                }
            }
        }

        throw CognitoErrors.ConcurrentModification();
    }

    public async Task DeleteAsync(string userPoolId, string termsId, CancellationToken ct)
    {
        var row = await storage.PoolResources.FindAsync(userPoolId, Kind, termsId, ct) ?? throw CognitoErrors.TermsNotFound(termsId);
        if (!await storage.PoolResources.DeleteAsync(userPoolId, Kind, termsId, ct))
        {
            throw CognitoErrors.TermsNotFound(termsId);
        }

        var terms = View(row);
        await claims.ReleaseAsync(userPoolId, NameKind, ClaimName(terms.ClientId, terms.TermsName), termsId, ct);
    }

    /// <summary>Deletes an app client's documents (when the client is deleted).</summary>
    public async Task DeleteForClientAsync(string userPoolId, string clientId, CancellationToken ct)
    {
        foreach (var name in Names)
        {
            var claimName = ClaimName(clientId, name);
            if (await claims.HolderAsync(userPoolId, NameKind, claimName, ct) is { } termsId)
            {
                _ = await storage.PoolResources.DeleteAsync(userPoolId, Kind, termsId, ct);
                _ = await storage.PoolResources.DeleteAsync(userPoolId, NameKind, claimName, ct);
            }
        }
    }

    public static TermsType View(StoredPoolResource row) =>
        (JsonSerializer.Deserialize(row.BodyJson, TermsJsonContext.Default.TermsType) ?? new TermsType()) with
        {
            TermsId = row.Name,
            UserPoolId = row.UserPoolId,
            CreationDate = row.CreatedAt,
            LastModifiedDate = row.ModifiedAt,
        };

    private async Task ClaimAsync(string userPoolId, string clientId, string termsName, string termsId, CancellationToken ct)
    {
        var held = !await claims.TryClaimAsync(userPoolId, NameKind, ClaimName(clientId, termsName), Kind, termsId,
            holder => View(holder) is var other && other.ClientId == clientId && other.TermsName == termsName, ct);
        if (held)
        {
            throw CognitoErrors.TermsExists(termsName);
        }
    }

    private static string ClaimName(string clientId, string termsName) => clientId + "/" + termsName;

    private static string Serialize(TermsType terms) => JsonSerializer.Serialize(
        terms with { UserPoolId = null!, CreationDate = null, LastModifiedDate = null }, TermsJsonContext.Default.TermsType);
}
