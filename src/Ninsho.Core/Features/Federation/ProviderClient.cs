using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Core.Features.IdentityProviders;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Federation;

/// <summary>Ninsho as the client of another provider (OIDC, Google, Facebook, Login with Amazon, Sign in with
/// Apple): where its endpoints are, the authorization request the browser is sent with, and the back-channel calls
/// after it answers: the code exchanged at its token endpoint (the client secret in the form, as Cognito sends it),
/// its ID token verified against its JWKS (signature, issuer, audience, lifetime, nonce), and its userinfo read with
/// the access token (docs/federation.md). Every call is bounded by <see cref="CallTimeout"/>.</summary>
internal sealed class ProviderClient(IHttpClientFactory http, NinshoCoreOptions options, TimeProvider clock)
{
    public const string HttpClientName = "federation";
    public const int MaxResponseBytes = 1 << 20;
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Back-channel calls say who they are as Cognito's do (docs/federation.md#back-channel-requests).</summary>
    public const string UserAgent = "Amazon/Cognito";

    public async Task<ProviderEndpoints> EndpointsAsync(IdentityProviderType provider, CancellationToken ct)
    {
        var type = provider.ProviderType!;
        var details = provider.ProviderDetails ?? new Dictionary<string, string>();
        var standIn = type != ProviderDetailRules.Oidc && options.FederationEndpoints.TryGetValue(type, out var b) ? b : null;
        string? Detail(string key) => details.TryGetValue(key, out var v) && v.Length > 0 ? Rewrite(v, standIn) : null;

        var issuer = Detail("oidc_issuer");
        var authorize = Detail("authorize_url");
        var token = Detail("token_url");
        var attributes = Detail("attributes_url");
        var jwks = Detail("jwks_uri");
        var issuers = new List<string>();
        if (issuer is not null)
        {
            issuers.Add(issuer);
            issuers.Add(details["oidc_issuer"]);
            if (type == "Google")
            {
                // Google's ID tokens may name their issuer without the scheme (docs/federation.md#the-flow).
                issuers.Add("accounts.google.com");
            }

            var needsDiscovery = jwks is null || authorize is null || token is null || (type == ProviderDetailRules.Oidc && attributes is null);
            if (needsDiscovery)
            {
                var discovery = await DiscoverAsync(provider.ProviderName!, issuer, ct);
                authorize ??= discovery.AuthorizationEndpoint;
                token ??= discovery.TokenEndpoint;
                jwks ??= discovery.JwksUri;
                if (type == ProviderDetailRules.Oidc)
                {
                    attributes ??= discovery.UserInfoEndpoint;
                }

                if (!string.IsNullOrEmpty(discovery.Issuer))
                {
                    issuers.Add(discovery.Issuer);
                }
            }
        }

        if (authorize is null || token is null)
        {
            throw new FederationFailure($"{provider.ProviderName} Error - the provider's authorization or token endpoint is unknown");
        }

        return new ProviderEndpoints
        {
            Authorize = authorize,
            Token = token,
            TokenMethod = string.Equals(details.GetValueOrDefault("token_request_method"), "GET", StringComparison.OrdinalIgnoreCase) ? "GET" : "POST",
            Attributes = attributes,
            AttributesMethod = string.Equals(details.GetValueOrDefault("attributes_request_method"), "POST", StringComparison.OrdinalIgnoreCase) ? "POST" : "GET",
            AddAttributes = string.Equals(details.GetValueOrDefault("attributes_url_add_attributes"), "true", StringComparison.OrdinalIgnoreCase),
            Jwks = jwks,
            Issuers = [.. issuers.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>The provider's authorization URL for this sign-in.</summary>
    public static string AuthorizeUrl(
        IdentityProviderType provider, ProviderEndpoints endpoints, string callbackUrl, string state, string nonce, IReadOnlyDictionary<string, string> forwarded)
    {
        var details = provider.ProviderDetails ?? new Dictionary<string, string>();
        var scopes = details.GetValueOrDefault("authorize_scopes") ?? "openid";
        var parameters = new List<(string, string?)>
        {
            ("client_id", details.GetValueOrDefault("client_id")),
            ("redirect_uri", callbackUrl),
            ("response_type", "code"),
            ("scope", scopes),
            ("state", state),
        };
        if (endpoints.Jwks is not null)
        {
            parameters.Add(("nonce", nonce));
        }

        // Apple answers with a form POST whenever name or email is asked for (docs/federation.md#the-flow).
        if (provider.ProviderType == "SignInWithApple" && scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => s is "name" or "email"))
        {
            parameters.Add(("response_mode", "form_post"));
        }

        parameters.AddRange(forwarded.Select(f => (f.Key, (string?)f.Value)));
        return HostedUi.HostedUiUrls.WithQuery(endpoints.Authorize, [.. parameters]);
    }

    /// <summary>Exchanges the provider's code and reads who signed in. <paramref name="postedUser"/> is Apple's
    /// <c>user</c> form field (name and email, sent on the first authorization only).</summary>
    public async Task<FederatedIdentity> RedeemAsync(
        IdentityProviderType provider, ProviderEndpoints endpoints, string code, string callbackUrl, string nonce, string? postedUser, CancellationToken ct)
    {
        var name = provider.ProviderName!;
        var type = provider.ProviderType!;
        var details = provider.ProviderDetails ?? new Dictionary<string, string>();
        var clientId = details.GetValueOrDefault("client_id") ?? string.Empty;
        var secret = type == "SignInWithApple" ? AppleClientSecret.Create(details, clock) : details.GetValueOrDefault("client_secret") ?? string.Empty;
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = callbackUrl,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        using var request = endpoints.TokenMethod == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, HostedUi.HostedUiUrls.WithQuery(endpoints.Token, [.. form.Select(f => (f.Key, (string?)f.Value))]))
            : new HttpRequestMessage(HttpMethod.Post, endpoints.Token) { Content = new FormUrlEncodedContent(form) };
        var (status, body) = await SendAsync(request, "Timeout occurred in calling IdP token endpoint", ct);
        if (status is < 200 or > 299)
        {
            // "<IdP> Error - <status> error getting token"; Google's carries Google's error code instead.
            var detail = type == "Google" ? ErrorCode(body) ?? "error getting token" : "error getting token";
            throw new FederationFailure($"{name} Error - {status.ToString(CultureInfo.InvariantCulture)} {detail}");
        }

        using var tokens = Parse(body, name);
        var accessToken = Text(tokens.RootElement, "access_token");
        var idToken = Text(tokens.RootElement, "id_token");
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        if (idToken is not null && endpoints.Jwks is not null)
        {
            foreach (var (key, value) in await VerifyIdTokenAsync(name, endpoints, clientId, idToken, nonce, ct))
            {
                claims[key] = value;
            }
        }
        else if (type is ProviderDetailRules.Oidc or "Google" or "SignInWithApple")
        {
            throw new FederationFailure($"{name} Error - the token response has no id_token");
        }

        if (postedUser is not null)
        {
            AddAppleUser(claims, postedUser);
        }

        if (endpoints.Attributes is { } attributesUrl && accessToken is not null && WantsAttributes(provider, endpoints, claims))
        {
            var info = await UserInfoAsync(name, endpoints, attributesUrl, accessToken, provider, ct);
            if (claims.TryGetValue("sub", out var sub) && info.TryGetValue("sub", out var infoSub) && sub != infoSub)
            {
                // OpenID Connect Core §5.3.4: a userinfo answer about someone else must not be used.
                throw new FederationFailure($"{name} Error - the userinfo subject is not the ID token's");
            }

            foreach (var (key, value) in info)
            {
                claims[key] = value;
            }
        }

        var subjectClaim = provider.AttributeMapping?.GetValueOrDefault("username") ?? ProviderDetailRules.DefaultMapping(type)["username"];
        if (!claims.TryGetValue(subjectClaim, out var subject) || subject.Length == 0)
        {
            throw new FederationFailure($"{name} Error - the provider sent no {subjectClaim}");
        }

        var issuer = type == ProviderDetailRules.Oidc ? details.GetValueOrDefault("oidc_issuer") : null;
        return new FederatedIdentity(name, type, subject, issuer, claims);
    }

    /// <summary>OIDC providers are always asked (Cognito reads userinfo with the access token); Google only when a
    /// mapped attribute is not in its ID token (**guessed**); Facebook and Amazon always, having no ID token.</summary>
    private static bool WantsAttributes(IdentityProviderType provider, ProviderEndpoints endpoints, Dictionary<string, string> claims) =>
        provider.ProviderType != "Google" || endpoints.Jwks is null || MappedNames(provider).Any(n => !claims.ContainsKey(n));

    private static IEnumerable<string> MappedNames(IdentityProviderType provider) =>
        (provider.AttributeMapping ?? new Dictionary<string, string>()).Where(m => m.Key != "username").Select(m => m.Value).Distinct(StringComparer.Ordinal);

    private async Task<Dictionary<string, string>> UserInfoAsync(
        string name, ProviderEndpoints endpoints, string url, string accessToken, IdentityProviderType provider, CancellationToken ct)
    {
        if (endpoints.AddAttributes)
        {
            var subject = ProviderDetailRules.DefaultMapping(provider.ProviderType!)["username"];
            var names = MappedNames(provider).Prepend(subject).Distinct(StringComparer.Ordinal);
            url += Uri.EscapeDataString(string.Join(',', names));
        }

        using var request = new HttpRequestMessage(endpoints.AttributesMethod == "POST" ? HttpMethod.Post : HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (endpoints.AttributesMethod == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        var (status, body) = await SendAsync(request, "Timeout occurred in calling IdP userinfo endpoint", ct);
        if (status is < 200 or > 299)
        {
            throw new FederationFailure($"{name} Error - {status.ToString(CultureInfo.InvariantCulture)} error getting user attributes");
        }

        using var json = Parse(body, name);
        return Flatten(json.RootElement);
    }

    private async Task<Dictionary<string, string>> VerifyIdTokenAsync(
        string name, ProviderEndpoints endpoints, string clientId, string idToken, string nonce, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoints.Jwks);
        var (status, body) = await SendAsync(request, "Timeout in calling jwks uri", ct);
        if (status is < 200 or > 299)
        {
            throw new FederationFailure($"{name} Error - {status.ToString(CultureInfo.InvariantCulture)} error getting the JWKS");
        }

        JsonWebKeySet keys;
        try
        {
            keys = new JsonWebKeySet(body);
        }
        catch (ArgumentException e)
        {
            throw new FederationFailure($"{name} Error - the JWKS could not be read", e);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = endpoints.Issuers,
            ValidAudience = clientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            LifetimeValidator = (notBefore, expires, _, p) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore <= now + p.ClockSkew) && expires is not null && expires >= now - p.ClockSkew;
            },
        };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw new FederationFailure($"{name} Error - invalid id_token: {result.Exception?.GetType().Name ?? "not a JWT"}");
        }

        var payload = new byte[Base64Url.GetMaxDecodedLength(token.EncodedPayload.Length)];
        if (Base64Url.DecodeFromChars(token.EncodedPayload, payload, out _, out var length) != System.Buffers.OperationStatus.Done)
        {
            throw new FederationFailure($"{name} Error - invalid id_token");
        }

        using var json = JsonDocument.Parse(payload.AsMemory(0, length));
        var claims = Flatten(json.RootElement);
        if (!claims.TryGetValue("nonce", out var sentNonce) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sentNonce), Encoding.UTF8.GetBytes(nonce)))
        {
            throw new FederationFailure($"{name} Error - the id_token's nonce is not the one sent");
        }

        return claims;
    }

    private async Task<OpenIdConnectConfiguration> DiscoverAsync(string name, string issuer, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, issuer.TrimEnd('/') + "/.well-known/openid-configuration");
        var (status, body) = await SendAsync(request, "Timeout occurred in calling IdP discovery endpoint", ct);
        if (status is < 200 or > 299)
        {
            throw new FederationFailure($"{name} Error - {status.ToString(CultureInfo.InvariantCulture)} error getting the OpenID configuration");
        }

        try
        {
            return OpenIdConnectConfiguration.Create(body);
        }
        catch (ArgumentException e)
        {
            throw new FederationFailure($"{name} Error - the OpenID configuration could not be read", e);
        }
    }

    /// <summary>A GET of <paramref name="url"/> on the back channel (a SAML provider's MetadataURL), bounded as the others.</summary>
    public async Task<(int Status, string Body)> GetAsync(string url, string accept, string timeoutDescription, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request, timeoutDescription, ct, accept);
    }

    private async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request, string timeoutDescription, CancellationToken ct, string accept = "application/json")
    {
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.Accept.ParseAdd(accept);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CallTimeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FederationFailure(timeoutDescription, e);
        }
        catch (HttpRequestException e)
        {
            throw new FederationFailure(e.InnerException is IOException ? "Connection reset" : "Connection refused", e);
        }
    }

    /// <summary>A stand-in's URL: the same path and query under <paramref name="standIn"/> (its own path first).</summary>
    internal static string Rewrite(string url, Uri? standIn)
    {
        if (standIn is null || !Uri.TryCreate(url, UriKind.Absolute, out var original))
        {
            return url;
        }

        var root = standIn.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var rest = original.PathAndQuery == "/" && !url.EndsWith('/') ? "" : original.PathAndQuery;
        return root + rest;
    }

    /// <summary>Apple's <c>user</c> field: <c>{"name":{"firstName","lastName"},"email"}</c>, read as
    /// <c>firstName</c>, <c>lastName</c>, <c>email</c>.</summary>
    private static void AddAppleUser(Dictionary<string, string> claims, string posted)
    {
        try
        {
            using var json = JsonDocument.Parse(posted);
            if (json.RootElement.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var (key, value) in Flatten(nameElement))
                {
                    claims.TryAdd(key, value);
                }
            }

            if (Text(json.RootElement, "email") is { } email)
            {
                claims.TryAdd("email", email);
            }
        }
        catch (JsonException)
        {
            // A user field that is not JSON adds nothing.
        }
    }

    private static JsonDocument Parse(string body, string name)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FederationFailure($"{name} Error - the provider's answer is not JSON", e);
        }
    }

    /// <summary>The members of a JSON object as strings: strings as they are, booleans <c>true</c>/<c>false</c>,
    /// numbers as written, arrays and objects as their JSON text; nulls are left out.</summary>
    internal static Dictionary<string, string> Flatten(JsonElement element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var member in element.EnumerateObject())
        {
            switch (member.Value.ValueKind)
            {
                case JsonValueKind.String:
                    result[member.Name] = member.Value.GetString()!;
                    break;
                case JsonValueKind.True:
                    result[member.Name] = "true";
                    break;
                case JsonValueKind.False:
                    result[member.Name] = "false";
                    break;
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                default:
                    result[member.Name] = member.Value.GetRawText();
                    break;
            }
        }

        return result;
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return Text(json.RootElement, "error");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
