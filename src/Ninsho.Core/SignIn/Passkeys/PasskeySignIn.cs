using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Ninsho.Core.Pools;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>The WEB_AUTHN challenge of USER_AUTH: CREDENTIAL_REQUEST_OPTIONS (PublicKeyCredentialRequestOptions as a
/// JSON string) with the Session, answered by CREDENTIAL (an AuthenticationResponseJSON) and USERNAME.
/// The WebAuthn challenge is the SHA-256 of the sealed Session (which carries a random nonce), so no node keeps it;
/// like the other first-factor challenges, the session is good for one successful answer (its MFA round).</summary>
internal sealed class PasskeySignIn(INinshoStorage storage, MfaSessions sessions, UserUpdater updater, SignInTokens tokens, TimeProvider clock)
{
    public async Task<bool> HasPasskeysAsync(UserPoolSettings pool, StoredUser user, CancellationToken ct) =>
        pool.Config.Policies?.SignInPolicy?.AllowedFirstAuthFactors?.Contains(AuthFactorType.WEB_AUTHN) == true
        && (await storage.WebAuthnCredentials.ListAsync(pool.Id, user.UsernameKey, 1, null, ct)).Items.Count > 0;

    public async Task<AuthOutcome> IssueAsync(SignInContext signIn, StoredUser user, CancellationToken ct)
    {
        var party = await PasskeyRelyingParty.OfAsync(signIn.Pool, storage.Domains, ct);
        var session = await sessions.IssueAsync(signIn, user, ChallengeNameType.WEB_AUTHN, MfaSessions.FirstFactor);
        var options = await OptionsAsync(party, signIn.Pool.Id, user, session, ct);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["CREDENTIAL_REQUEST_OPTIONS"] = options.ToJson() };
        return new AuthOutcome(ChallengeNameType.WEB_AUTHN, parameters, session, null);
    }

    /// <summary>Checks the CREDENTIAL against the options the session stood for. Any credential that does not prove
    /// the user (not theirs, another origin or relying party, another challenge, a bad signature) is
    /// NotAuthorizedException "Incorrect username or password.": the model gives RespondToAuthChallenge none of the
    /// WebAuthn* errors, and Cognito's message for a failed passkey is not documented (guessed).</summary>
    public async Task<AuthOutcome> RespondAsync(
        SignInContext signIn, StoredUser user, string session, string? credential, CancellationToken ct)
    {
        var party = await PasskeyRelyingParty.OfAsync(signIn.Pool, storage.Domains, ct);
        var response = PasskeyCredentialJson.Authentication(credential);
        var clientData = PasskeyClientData.Read(response.Response.ClientDataJson) ?? throw CognitoErrors.WebAuthnCredentialInvalid();
        if (!party.Allows(clientData.Origin))
        {
            throw CognitoErrors.IncorrectCredentials();
        }

        var stored = await storage.WebAuthnCredentials.FindAsync(signIn.Pool.Id, Base64Url.EncodeToString(response.RawId), ct);
        if (stored is null || stored.UsernameKey != user.UsernameKey)
        {
            throw CognitoErrors.IncorrectCredentials();
        }

        var options = await OptionsAsync(party, signIn.Pool.Id, user, session, ct);
        VerifyAssertionResult verified;
        try
        {
            verified = await PasskeyRegistration.Fido2For(party, clientData.Origin).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = options,
                StoredPublicKey = Base64Url.DecodeFromChars(stored.PublicKey),
                StoredSignatureCounter = (uint)stored.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (p, _) => Task.FromResult(p.UserHandle is null || p.UserHandle.AsSpan().SequenceEqual(UserHandle(user))),
            }, ct);
        }
        catch (Fido2VerificationException)
        {
            throw CognitoErrors.IncorrectCredentials();
        }

        _ = await storage.WebAuthnCredentials.RecordUseAsync(signIn.Pool.Id, stored.CredentialId, verified.SignCount, clock.GetUtcNow(), ct);
        user = await updater.UpdateAsync(user, u => MfaSessions.Answered(u), ct);
        return AuthOutcome.Tokens(await tokens.IssueAsync(signIn, user, ct));
    }

    /// <summary>The user handle passkeys are registered with: the user's sub, UTF-8.</summary>
    public static byte[] UserHandle(StoredUser user) => Encoding.UTF8.GetBytes(user.Sub);

    private async Task<AssertionOptions> OptionsAsync(PasskeyRelyingParty party, string poolId, StoredUser user, string session, CancellationToken ct)
    {
        var passkeys = await storage.WebAuthnCredentials.ListAsync(poolId, user.UsernameKey, PasskeyRelyingParty.MaxPerUser, null, ct);
        var options = PasskeyRegistration.Fido2For(party).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. passkeys.Items.Select(c => new PublicKeyCredentialDescriptor(Base64Url.DecodeFromChars(c.CredentialId)))],
            UserVerification = PasskeyRegistration.Requirement(party),
        });
        options.Challenge = SHA256.HashData(Encoding.UTF8.GetBytes(session));
        return options;
    }
}
