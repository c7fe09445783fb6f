namespace Ninsho.Protocol.Errors;

/// <summary>Errors of an app client's OAuth settings (CreateUserPoolClient, UpdateUserPoolClient). The rules are stated
/// in docs/hosted-ui-and-oauth.md; the wordings are Cognito's texts as we know them, not in our docs (unconfirmed).</summary>
public static partial class CognitoErrors
{
    /// <summary><c>client_credentials</c> together with the code or implicit flow (unconfirmed).</summary>
    public static CognitoException ClientCredentialsWithOtherFlows() =>
        InvalidOAuthFlow("client_credentials flow can not be selected along with code flow or implicit flow.");

    /// <summary><c>client_credentials</c> for a client without a secret (unconfirmed).</summary>
    public static CognitoException ClientCredentialsWithoutSecret() =>
        InvalidOAuthFlow("client_credentials flow can not be selected if client does not have a client secret.");

    /// <summary><c>client_credentials</c> with a standard scope (openid, email…): only custom scopes are allowed
    /// (unconfirmed).</summary>
    public static CognitoException StandardScopeWithClientCredentials(string scope) =>
        InvalidOAuthFlow($"{scope} is not supported with client_credentials flow");
}
