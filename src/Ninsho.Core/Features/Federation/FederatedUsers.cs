using Ninsho.Core.Features.ProviderLinks;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Federation;

/// <summary>A federated identity → the pool's user, whatever protocol brought it (docs/federation.md#the-user):
/// <list type="bullet">
/// <item>an identity linked to a native user (AdminLinkProviderForUser) signs in as that user;</item>
/// <item>else the first sign-in creates <c>&lt;ProviderName&gt;_&lt;subject&gt;</c>, status EXTERNAL_PROVIDER, a new
/// <c>sub</c>, the <c>identities</c> attribute naming the provider (primary) and the provider's AttributeMapping
/// applied, after PreSignUp (<c>PreSignUp_ExternalProvider</c>), which may link the identity instead;</item>
/// <item>a later sign-in writes every mapped attribute the provider sent again, leaving the others as they are.</item>
/// </list></summary>
internal sealed class FederatedUsers(INinshoStorage storage, UserUpdater updater, LambdaTriggers triggers, IdGenerator ids, TimeProvider clock)
{
    /// <summary>The longest value a mapped attribute may have.</summary>
    public const int MaxMappedValueLength = 2048;

    public async Task<StoredUser> SignInAsync(UserPoolSettings pool, UserPoolClientType client, IdentityProviderType provider, FederatedIdentity identity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(identity);
        if (await LinkedUserAsync(pool, identity, ct) is { } linked)
        {
            return linked;
        }

        var mapped = Mapped(pool, client, provider, identity);
        var username = identity.ProviderName + "_" + identity.Subject;
        var user = await FindOrCreateAsync(pool, client, identity, username, mapped, ct);
        if (user.Status == UserStatusType.EXTERNAL_PROVIDER)
        {
            await JoinProviderGroupAsync(pool, identity.ProviderName, user, ct);
        }

        return user;
    }

    /// <summary>Cognito puts a provider's users in the group <c>&lt;poolId&gt;_&lt;ProviderName&gt;</c>, which it
    /// creates on the first sign-in (no role, no precedence) and creates again if deleted, so their tokens'
    /// <c>cognito:groups</c> name it (docs/federation.md#the-user).</summary>
    private async Task JoinProviderGroupAsync(UserPoolSettings pool, string providerName, StoredUser user, CancellationToken ct)
    {
        var name = pool.Id + "_" + providerName;
        var now = clock.GetUtcNow();
        _ = await storage.Groups.CreateAsync(new StoredGroup { UserPoolId = pool.Id, GroupName = name, CreatedAt = now, ModifiedAt = now }, ct);
        _ = await storage.Groups.AddMemberAsync(pool.Id, name, user.UsernameKey, ct);
    }

    private async Task<StoredUser> FindOrCreateAsync(
        UserPoolSettings pool, UserPoolClientType client, FederatedIdentity identity, string username, Dictionary<string, string> mapped, CancellationToken ct)
    {
        var existing = await storage.Users.FindAsync(pool.Id, pool.UsernameKey(username), ct);
        if (existing is not null)
        {
            return await UpdateAsync(existing, mapped, ct);
        }

        var missing = pool.Schema.FirstOrDefault(s => s.Required == true && s.Name != "sub" && !mapped.ContainsKey(s.Name!));
        if (missing is not null)
        {
            // Every attribute the pool requires must be mapped (Cognito's attribute-mapping guide); the words are ours.
            throw new FederationFailure($"The required attribute {missing.Name} is not mapped from {identity.ProviderName}.");
        }

        var answer = await PreSignUp.RunAsync(triggers, pool, PreSignUp.ExternalProviderSource, username, client.ClientId, mapped, null, null, ct);
        answer?.ApplyVerified(mapped);

        // The function may have linked this identity to a native user (AdminLinkProviderForUser): that user signs in.
        if (await LinkedUserAsync(pool, identity, ct) is { } linkedByTrigger)
        {
            return linkedByTrigger;
        }

        var now = clock.GetUtcNow();
        var attributes = new Dictionary<string, string>(mapped, StringComparer.Ordinal)
        {
            ["sub"] = ids.Sub(),
            [LinkedIdentities.Attribute] = LinkedIdentities.Render([
                new LinkedIdentity(identity.Subject, identity.ProviderName, identity.ProviderType, identity.Issuer, Primary: true, now.ToUnixTimeMilliseconds()),
            ]),
        };
        var user = new StoredUser
        {
            UserPoolId = pool.Id,
            Username = username,
            UsernameKey = pool.UsernameKey(username),
            Sub = attributes["sub"],
            Status = UserStatusType.EXTERNAL_PROVIDER,
            Enabled = true,
            CreatedAt = now,
            ModifiedAt = now,
            Attributes = attributes,
        };
        if (await storage.Users.CreateAsync(user, ct) == CreateResult.Created)
        {
            return user;
        }

        // Two first sign-ins at once: the other one created the user.
        var created = await storage.Users.FindAsync(pool.Id, user.UsernameKey, ct) ?? throw new FederationFailure("The federated user could not be created.");
        return await UpdateAsync(created, mapped, ct);
    }

    /// <summary>The native user the identity is linked to: by <c>Cognito_Subject</c>, or, for OIDC and SAML
    /// providers, by any attribute the provider sent (AdminLinkProviderForUser accepts any attribute name for them).</summary>
    private async Task<StoredUser?> LinkedUserAsync(UserPoolSettings pool, FederatedIdentity identity, CancellationToken ct)
    {
        var link = await storage.ProviderLinks.FindAsync(pool.Id, identity.ProviderName, ProviderLinkService.SubjectAttribute, identity.Subject, ct);
        if (link is null && !IdentityProviders.ProviderDetailRules.IsSocial(identity.ProviderType))
        {
            foreach (var (name, value) in identity.Claims)
            {
                link = await storage.ProviderLinks.FindAsync(pool.Id, identity.ProviderName, name, value, ct);
                if (link is not null)
                {
                    break;
                }
            }
        }

        return link is null ? null : await storage.Users.FindAsync(pool.Id, link.UsernameKey, ct);
    }

    private Task<StoredUser> UpdateAsync(StoredUser user, Dictionary<string, string> mapped, CancellationToken ct) =>
        mapped.Count == 0
            ? Task.FromResult(user)
            : updater.UpdateAsync(user, current =>
            {
                var attributes = new Dictionary<string, string>(current.Attributes, StringComparer.Ordinal);
                foreach (var (name, value) in mapped)
                {
                    attributes[name] = value;
                }

                return current with { Attributes = attributes };
            }, ct);

    /// <summary>The pool attributes the provider's AttributeMapping gives: for each mapped attribute the provider
    /// sent, its value. A mapped attribute the app client may not write, or a value over 2,048 characters, fails the
    /// sign-in (Cognito's attribute-mapping guide); one that is not in the pool's schema is left out (**guessed**).</summary>
    private static Dictionary<string, string> Mapped(UserPoolSettings pool, UserPoolClientType client, IdentityProviderType provider, FederatedIdentity identity)
    {
        var writable = client.WriteAttributes is { Count: > 0 } listed ? new HashSet<string>(listed, StringComparer.Ordinal) : null;
        var schema = pool.Schema.Select(s => s.Name!).ToHashSet(StringComparer.Ordinal);
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (attribute, claim) in provider.AttributeMapping ?? new Dictionary<string, string>())
        {
            if (attribute is "username" or "sub" or LinkedIdentities.Attribute || !identity.Claims.TryGetValue(claim, out var value) || !schema.Contains(attribute))
            {
                continue;
            }

            if (writable is not null && !writable.Contains(attribute))
            {
                throw new FederationFailure($"The app client may not write the mapped attribute {attribute}.");
            }

            if (value.Length > MaxMappedValueLength)
            {
                throw new FederationFailure($"The value of the mapped attribute {attribute} is longer than {MaxMappedValueLength} characters.");
            }

            mapped[attribute] = value;
        }

        return mapped;
    }
}
