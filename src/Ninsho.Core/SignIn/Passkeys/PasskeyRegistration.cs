using System.Buffers.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>StartWebAuthnRegistration and CompleteWebAuthnRegistration. Start stores the creation options it sends
/// (with their random challenge) for the user, replacing any earlier ones; Complete takes them (once, whatever the
/// outcome), so a challenge answers one registration and several nodes sharing the database agree.</summary>
internal sealed class PasskeyRegistration(INinshoStorage storage, TimeProvider clock)
{
    /// <summary>How long a started registration can be completed. Guessed: Cognito's is not documented; the options'
    /// timeout (a hint to the browser) stays Fido2's 60 s.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly PubKeyCredParam[] Algorithms = [PubKeyCredParam.ES256, PubKeyCredParam.RS256];

    public async Task<JsonElement> StartAsync(AuthenticatedAccess access, CancellationToken ct)
    {
        var (pool, user, claims) = access;
        var party = await PasskeyRelyingParty.OfAsync(pool, storage.Domains, ct);
        var existing = await ExistingAsync(pool.Id, user.UsernameKey, ct);
        var options = Fido2For(party).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User
            {
                Id = PasskeySignIn.UserHandle(user),
                Name = user.Username,
                DisplayName = user.Username,
            },
            ExcludeCredentials = [.. existing.Select(c => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(c.CredentialId)))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = Requirement(party),
            },
            AttestationPreference = AttestationConveyancePreference.None,
            PubKeyCredParams = Algorithms,
        });
        var json = options.ToJson();
        await storage.WebAuthnCredentials.SaveRegistrationAsync(new StoredWebAuthnRegistration
        {
            UserPoolId = pool.Id,
            UsernameKey = user.UsernameKey,
            ClientId = claims.ClientId,
            OptionsJson = json,
            ExpiresAt = clock.GetUtcNow() + Lifetime,
        }, ct);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public async Task CompleteAsync(AuthenticatedAccess access, JsonElement? credential, CancellationToken ct)
    {
        var (pool, user, claims) = access;
        var party = await PasskeyRelyingParty.OfAsync(pool, storage.Domains, ct);
        var (response, attachment) = PasskeyCredentialJson.Registration(credential);
        var started = await storage.WebAuthnCredentials.TakeRegistrationAsync(pool.Id, user.UsernameKey, ct);
        if (started is null || started.ExpiresAt <= clock.GetUtcNow())
        {
            throw CognitoErrors.WebAuthnChallengeNotFound();
        }

        if (started.ClientId != claims.ClientId)
        {
            throw CognitoErrors.WebAuthnClientMismatch();
        }

        var options = CredentialCreateOptions.FromJson(started.OptionsJson);
        var clientData = PasskeyClientData.Read(response.Response.ClientDataJson) ?? throw CognitoErrors.WebAuthnCredentialInvalid();
        if (clientData.Challenge != Base64Url.EncodeToString(options.Challenge))
        {
            throw CognitoErrors.WebAuthnChallengeNotFound();
        }

        // Fido2 compares the origin with a fixed set; WebAuthn lets any https origin on the id or below it register.
        if (!party.Allows(clientData.Origin))
        {
            throw CognitoErrors.WebAuthnOriginNotAllowed();
        }

        if (!string.Equals(options.Rp.Id, party.Id, StringComparison.Ordinal))
        {
            // The pool's relying party changed since StartWebAuthnRegistration.
            throw CognitoErrors.WebAuthnRelyingPartyMismatch();
        }

        if ((await ExistingAsync(pool.Id, user.UsernameKey, ct)).Count >= PasskeyRelyingParty.MaxPerUser)
        {
            throw CognitoErrors.WebAuthnCredentialLimit(PasskeyRelyingParty.MaxPerUser);
        }

        RegisteredPublicKeyCredential registered;
        try
        {
            registered = await Fido2For(party, clientData.Origin!).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = options,
                IsCredentialIdUniqueToUserCallback = async (p, c) =>
                    await storage.WebAuthnCredentials.FindAsync(pool.Id, Base64Url.EncodeToString(p.CredentialId), c) is null,
            }, ct);
        }
        catch (Fido2VerificationException e)
        {
            throw PasskeyVerificationErrors.Of(e);
        }

        var stored = new StoredWebAuthnCredential
        {
            UserPoolId = pool.Id,
            UsernameKey = user.UsernameKey,
            CredentialId = Base64Url.EncodeToString(registered.Id),
            PublicKey = Base64Url.EncodeToString(registered.PublicKey),
            SignCount = registered.SignCount,
            RelyingPartyId = party.Id,
            FriendlyName = FriendlyName(attachment),
            AuthenticatorAttachment = attachment,
            Transports = [.. (registered.Transports ?? []).Select(Transport)],
            CreatedAt = clock.GetUtcNow(),
        };
        if (await storage.WebAuthnCredentials.CreateAsync(stored, ct) != CreateResult.Created)
        {
            throw CognitoErrors.WebAuthnCredentialAlreadyRegistered();
        }
    }

    /// <summary>A Fido2 verifier for <paramref name="party"/> that accepts <paramref name="origin"/> (already checked
    /// against the relying party id).</summary>
    public static Fido2 Fido2For(PasskeyRelyingParty party, string? origin = null) =>
        new(new Fido2Configuration
        {
            RPID = party.Id,
            RPName = party.Name,
            Origins = origin is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal) { origin },
        }, null!);

    public static UserVerificationRequirement Requirement(PasskeyRelyingParty party) =>
        party.UserVerification == Protocol.IdentityProvider.UserVerificationType.required
            ? UserVerificationRequirement.Required
            : UserVerificationRequirement.Preferred;

    private async Task<IReadOnlyList<StoredWebAuthnCredential>> ExistingAsync(string poolId, string usernameKey, CancellationToken ct) =>
        (await storage.WebAuthnCredentials.ListAsync(poolId, usernameKey, PasskeyRelyingParty.MaxPerUser, null, ct)).Items;

    /// <summary>Guessed: Cognito names passkeys itself ("an automatically-generated friendly name") without saying how.</summary>
    private static string FriendlyName(string? attachment) => attachment switch
    {
        "platform" => "Platform passkey",
        "cross-platform" => "Security key",
        _ => "Passkey",
    };

    private static string Transport(AuthenticatorTransport transport) => transport switch
    {
        AuthenticatorTransport.Usb => "usb",
        AuthenticatorTransport.Nfc => "nfc",
        AuthenticatorTransport.Ble => "ble",
        AuthenticatorTransport.Internal => "internal",
        AuthenticatorTransport.Hybrid => "hybrid",
        AuthenticatorTransport.SmartCard => "smart-card",
        _ => transport.ToString().ToLowerInvariant(),
    };
}
