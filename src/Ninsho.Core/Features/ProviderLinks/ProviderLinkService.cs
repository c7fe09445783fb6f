using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.ProviderLinks;

/// <summary>Links identities of a pool's providers to its native users and unlinks them. A link is a row of
/// <see cref="IProviderLinkStore"/> (so a federated sign-in can find its user by provider and subject) and an entry
/// of the user's <c>identities</c> attribute (where Cognito shows it), written together under the user's version:
/// concurrent changes of one user retry on the user as it now is, through <see cref="UserUpdater.WriteAsync{T}"/>.</summary>
internal sealed class ProviderLinkService(INinshoStorage storage, IdentityProviderService providers, UserUpdater updater, TimeProvider clock)
{
    /// <summary>"The maximum number of federated identities linked to a user is five." (AdminLinkProviderForUser).</summary>
    public const int MaxLinksPerUser = 5;

    public const string CognitoProvider = "Cognito";
    public const string SubjectAttribute = "Cognito_Subject";

    public async Task LinkAsync(UserPoolSettings pool, StoredUser user, string providerName, string attributeName, string attributeValue, CancellationToken ct)
    {
        var provider = await providers.FindAsync(pool, providerName, ct) ?? throw CognitoErrors.UnknownSupportedProvider(providerName, pool.Id);
        if (ProviderDetailRules.IsSocial(provider.ProviderType!) && attributeName != SubjectAttribute)
        {
            throw CognitoErrors.SocialSubjectRequired(providerName);
        }

        CheckMutable(pool, user);
        _ = await updater.WriteAsync(pool.Id, user.UsernameKey, async attempt =>
        {
            if (attempt > 0)
            {
                user = await storage.Users.FindAsync(pool.Id, user.UsernameKey, ct) ?? throw CognitoErrors.UserNotFound();
            }

            if (await storage.ProviderLinks.FindAsync(pool.Id, providerName, attributeName, attributeValue, ct) is not null)
            {
                throw CognitoErrors.SourceUserAlreadyLinked();
            }

            var identities = LinkedIdentities.Of(user.Attributes);
            if (identities.Any(i => i.ProviderName == providerName))
            {
                // One identity per provider and user: a second one was refused by Cognito too (boto/boto3#4163), in
                // words we don't know any more (aws/aws-sdk#766 says they were improved): ours are guessed.
                throw CognitoErrors.ProviderAlreadyLinked(providerName);
            }

            if (identities.Count >= MaxLinksPerUser)
            {
                throw CognitoErrors.LinkedIdentityLimit(MaxLinksPerUser);
            }

            var now = clock.GetUtcNow();
            // issuer: Cognito shows null for social providers (users' published AdminGetUser output); for SAML and
            // OIDC it would come from the provider's metadata, which this server does not fetch, so null too (guessed).
            var linked = new LinkedIdentity(attributeValue, providerName, provider.ProviderType!, Issuer: null, Primary: false, now.ToUnixTimeMilliseconds());
            var link = new StoredProviderLink
            {
                UserPoolId = pool.Id,
                ProviderName = providerName,
                ProviderAttributeName = attributeName,
                ProviderAttributeValue = attributeValue,
                UsernameKey = user.UsernameKey,
                CreatedAt = now,
            };
            return await storage.ProviderLinks.LinkAsync(link, WithIdentities(user, [.. identities, linked], now), ct) switch
            {
                LinkChangeResult.Changed => (true, true),
                LinkChangeResult.LinkConflict => throw CognitoErrors.SourceUserAlreadyLinked(),
                _ => (false, false),
            };
        }, ct);
    }

    /// <summary>Removes the link of one identity, from whichever user it is linked to.</summary>
    public async Task UnlinkAsync(UserPoolSettings pool, string providerName, string attributeName, string attributeValue, CancellationToken ct)
    {
        var link = await storage.ProviderLinks.FindAsync(pool.Id, providerName, attributeName, attributeValue, ct);
        if (link is null)
        {
            // A link outlives its provider (it can still be removed above); without either, name what is missing.
            throw await providers.FindAsync(pool, providerName, ct) is null
                ? CognitoErrors.UnknownSupportedProvider(providerName, pool.Id)
                : CognitoErrors.NotLinked();
        }

        _ = await updater.WriteAsync(pool.Id, link.UsernameKey, async _ =>
        {
            var user = await storage.Users.FindAsync(pool.Id, link.UsernameKey, ct) ?? throw CognitoErrors.NotLinked();
            var now = clock.GetUtcNow();
            var remaining = LinkedIdentities.Of(user.Attributes).Where(i => i.ProviderName != providerName).ToList();
            return await storage.ProviderLinks.UnlinkAsync(link, WithIdentities(user, remaining, now), ct) switch
            {
                LinkChangeResult.Changed => (true, true),
                LinkChangeResult.LinkConflict => throw CognitoErrors.NotLinked(),
                _ => (false, false),
            };
        }, ct);
    }

    /// <summary>"All attributes in the DestinationUser profile must be mutable. If you have assigned the user any
    /// immutable custom attributes, the operation won't succeed." (the model's DestinationUser documentation).</summary>
    private static void CheckMutable(UserPoolSettings pool, StoredUser user)
    {
        var immutable = pool.Schema.FirstOrDefault(s => s.Mutable == false && s.Name is not "sub" && user.Attributes.ContainsKey(s.Name!));
        if (immutable is not null)
        {
            throw CognitoErrors.ImmutableDestinationAttribute(immutable.Name!);
        }
    }

    /// <summary>The user with its <c>identities</c> attribute set to <paramref name="identities"/>, or without the
    /// attribute when none remain (guessed: Cognito's own users without links have none).</summary>
    private static StoredUser WithIdentities(StoredUser user, List<LinkedIdentity> identities, DateTimeOffset now)
    {
        var attributes = new Dictionary<string, string>(user.Attributes, StringComparer.Ordinal);
        if (identities.Count == 0)
        {
            _ = attributes.Remove(LinkedIdentities.Attribute);
        }
        else
        {
            attributes[LinkedIdentities.Attribute] = LinkedIdentities.Render(identities);
        }

        return user with { Attributes = attributes, ModifiedAt = now };
    }

    /// <summary>A ProviderUserIdentifierType member the operation needs; <paramref name="which"/> names the member
    /// that holds it (SourceUser, DestinationUser, User).</summary>
    public static string Required(string which, string member, string? value) =>
        string.IsNullOrEmpty(value) ? throw CognitoErrors.LinkMemberRequired(which, member) : value;

    public static ProviderUserIdentifierType Given(ProviderUserIdentifierType? identifier) => identifier ?? new ProviderUserIdentifierType();
}
