using Ninsho.Core.Features.HostedUi;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Federation;

/// <summary>The end every federated sign-in shares (OIDC, social and SAML): the provider's answer is read, the person
/// becomes the pool's user (<see cref="FederatedUsers"/>), and then, as after the login page, the app gets its code (or
/// the implicit flow's tokens) and the browser its sign-in session. A refusal on the way becomes the error redirect to
/// the app's callback.</summary>
internal sealed class FederatedCompletion(FederatedUsers users, HostedUiCompletion completion, HostedUiSessions sessions)
{
    /// <summary>Reads the answer with <paramref name="identify"/> (which throws <see cref="FederationFailure"/> for a
    /// refused answer) and signs the person in.</summary>
    public async Task<FederationStep> FinishAsync(
        AuthorizeGrant grant, Func<Task<(IdentityProviderType Provider, FederatedIdentity Identity)>> identify, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(identify);
        try
        {
            var (provider, identity) = await identify();
            var user = await users.SignInAsync(grant.Pool, grant.Client, provider, identity, ct);
            if (!user.Enabled)
            {
                throw new FederationFailure(CognitoErrors.UserDisabled().Message);
            }

            return new FederationStep
            {
                Redirect = await completion.RedirectAsync(grant, user, ct),
                SessionCookie = await sessions.StartAsync(grant.SessionCookie, grant.Pool.Id, user.UsernameKey, ct),
            };
        }
        catch (FederationFailure e)
        {
            return new FederationStep { Redirect = ErrorRedirect(grant, e.Error, e.Message) };
        }
        catch (CognitoException e) when (e.StatusCode < 500)
        {
            // A trigger's refusal ("PreSignUp failed with error …."), as Cognito reports it on the callback.
            return new FederationStep { Redirect = ErrorRedirect(grant, "invalid_request", e.Message) };
        }
    }

    /// <summary>The app's callback with <c>error</c>, <c>error_description</c> and the app's <c>state</c>.</summary>
    public static string ErrorRedirect(AuthorizeGrant grant, string error, string? description)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return HostedUiUrls.WithQuery(grant.RedirectUri, ("error_description", description), ("error", error), ("state", grant.State));
    }
}
