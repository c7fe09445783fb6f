using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ninsho.Core.Security;
using Ninsho.Core.Tokens;
using Xunit;

namespace Ninsho.UnitTests.Tokens;

public sealed class TokenIssuerTests
{
    internal const string Issuer = "http://127.0.0.1:9229/" + TestKeys.PoolA;
    internal const string ClientId = "1me8va44u5ec9ttirfmo8abro1";
    internal const string Sub = "4b2d6f1c-8c5e-4b7a-9f57-3f1e2d0c9a11";
    internal static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    internal static readonly DateTimeOffset AuthTime = Now.AddMinutes(-30);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly TokenIssuer _issuer;

    public TokenIssuerTests()
    {
        _issuer = new TokenIssuer(new SigningKeyCache(), new IdGenerator(), _clock);
    }

    internal static TokenIssueRequest Request(IReadOnlyDictionary<string, string>? attributes = null, IReadOnlyList<string>? groups = null) => new()
    {
        Issuer = Issuer,
        SigningKeys = TestKeys.A,
        ClientId = ClientId,
        Sub = Sub,
        Username = "alice",
        Attributes = attributes ?? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sub"] = Sub,
            ["email"] = "alice@example.com",
            ["email_verified"] = "true",
        },
        Groups = groups,
        AuthTime = AuthTime,
        OriginJti = "0d5e4c3b-2a19-4f87-a6b5-c4d3e2f1a0b9",
        EventId = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
        AccessTokenLifetime = TimeSpan.FromHours(1),
        IdTokenLifetime = TimeSpan.FromMinutes(30),
    };

    [Fact]
    public void Header_is_kid_then_alg_with_no_typ_and_each_token_uses_its_own_key()
    {
        var tokens = _issuer.Issue(Request());
        Assert.Equal($$"""{"kid":"{{TestKeys.AAccessKey.KeyId}}","alg":"RS256"}""", Jwt.HeaderJson(tokens.AccessToken));
        Assert.Equal($$"""{"kid":"{{TestKeys.AIdKey.KeyId}}","alg":"RS256"}""", Jwt.HeaderJson(tokens.IdToken));
    }

    [Fact]
    public async Task Both_tokens_verify_independently_against_the_JWKS()
    {
        var tokens = _issuer.Issue(Request());
        var jwks = new JsonWebKeySet(JwksDocument.Build(TestKeys.A));
        var handler = new JsonWebTokenHandler();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = ["RS256"],
            ValidateLifetime = false, // IdentityModel reads the real clock; lifetimes are checked below with fake time.
        };

        var id = await handler.ValidateTokenAsync(tokens.IdToken, parameters);
        Assert.True(id.IsValid, id.Exception?.ToString());
        var accessParameters = parameters.Clone();
        accessParameters.ValidateAudience = false; // access tokens have no aud
        var access = await handler.ValidateTokenAsync(tokens.AccessToken, accessParameters);
        Assert.True(access.IsValid, access.Exception?.ToString());

        // The other pool's keys must not verify them.
        var other = parameters.Clone();
        other.IssuerSigningKeys = new JsonWebKeySet(JwksDocument.Build(TestKeys.B)).GetSigningKeys();
        Assert.False((await handler.ValidateTokenAsync(tokens.IdToken, other)).IsValid);
    }

    [Fact]
    public void Access_token_has_Cognitos_claims_in_Cognitos_order()
    {
        var tokens = _issuer.Issue(Request());
        Assert.Equal(
            ["sub", "iss", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"],
            Jwt.ClaimNames(tokens.AccessToken));

        using var payload = Jwt.Payload(tokens.AccessToken);
        var root = payload.RootElement;
        Assert.Equal(Sub, root.GetProperty("sub").GetString());
        Assert.Equal(Issuer, root.GetProperty("iss").GetString());
        Assert.Equal(ClientId, root.GetProperty("client_id").GetString());
        Assert.Equal("0d5e4c3b-2a19-4f87-a6b5-c4d3e2f1a0b9", root.GetProperty("origin_jti").GetString());
        Assert.Equal("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", root.GetProperty("event_id").GetString());
        Assert.Equal("access", root.GetProperty("token_use").GetString());
        Assert.Equal("aws.cognito.signin.user.admin", root.GetProperty("scope").GetString());
        Assert.Equal(AuthTime.ToUnixTimeSeconds(), root.GetProperty("auth_time").GetInt64());
        Assert.Equal(Now.ToUnixTimeSeconds(), root.GetProperty("iat").GetInt64());
        Assert.Equal(Now.ToUnixTimeSeconds() + 3600, root.GetProperty("exp").GetInt64());
        Assert.Equal(tokens.AccessTokenJti, root.GetProperty("jti").GetString());
        Assert.Equal("alice", root.GetProperty("username").GetString());
        Assert.False(root.TryGetProperty("aud", out _));
    }

    [Fact]
    public void ID_token_has_Cognitos_claims_in_Cognitos_order_with_typed_values()
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sub"] = Sub,
            ["given_name"] = "花子",
            ["email"] = "alice@example.com",
            ["phone_number"] = "+819012345678",
            ["email_verified"] = "true",
            ["phone_number_verified"] = "false",
            ["updated_at"] = "1700000000",
            ["address"] = "1-1 Chiyoda, Tokyo",
            ["custom:tier"] = "42",
        };
        var tokens = _issuer.Issue(Request(attributes, ["admins", "staff"]));

        Assert.Equal(
            [
                "sub", "cognito:groups", "email_verified", "iss", "phone_number_verified", "cognito:username", "origin_jti",
                "aud", "event_id", "token_use", "auth_time", "phone_number", "exp", "iat", "jti", "email",
                "given_name", "updated_at", "address", "custom:tier",
            ],
            Jwt.ClaimNames(tokens.IdToken));

        using var payload = Jwt.Payload(tokens.IdToken);
        var root = payload.RootElement;
        Assert.Equal(JsonValueKind.True, root.GetProperty("email_verified").ValueKind);
        Assert.Equal(JsonValueKind.False, root.GetProperty("phone_number_verified").ValueKind);
        Assert.Equal(1700000000, root.GetProperty("updated_at").GetInt64());
        Assert.Equal("""{"formatted":"1-1 Chiyoda, Tokyo"}""", root.GetProperty("address").GetRawText());
        Assert.Equal(JsonValueKind.String, root.GetProperty("custom:tier").ValueKind);
        Assert.Equal("42", root.GetProperty("custom:tier").GetString());
        Assert.Equal(["admins", "staff"], root.GetProperty("cognito:groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(ClientId, root.GetProperty("aud").GetString());
        Assert.Equal("alice", root.GetProperty("cognito:username").GetString());
        Assert.Equal("id", root.GetProperty("token_use").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds() + 1800, root.GetProperty("exp").GetInt64());
        Assert.Equal(tokens.IdTokenJti, root.GetProperty("jti").GetString());
        Assert.NotEqual(tokens.AccessTokenJti, tokens.IdTokenJti);
        Assert.False(root.TryGetProperty("username", out _));
        Assert.False(root.TryGetProperty("client_id", out _));
        Assert.False(root.TryGetProperty("scope", out _));

        // Non-ASCII stays raw UTF-8 (no \uXXXX escapes).
        Assert.Contains("\"given_name\":\"花子\"", Jwt.PayloadJson(tokens.IdToken), StringComparison.Ordinal);
    }

    [Fact]
    public void Minimal_user_gets_only_the_fixed_claims()
    {
        var tokens = _issuer.Issue(Request(new Dictionary<string, string>(StringComparer.Ordinal) { ["sub"] = Sub }));
        Assert.Equal(
            ["sub", "iss", "cognito:username", "origin_jti", "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti"],
            Jwt.ClaimNames(tokens.IdToken));
    }

    [Fact]
    public void Groups_appear_only_when_the_user_has_some()
    {
        foreach (var none in new IReadOnlyList<string>?[] { null, [] })
        {
            var tokens = _issuer.Issue(Request(groups: none));
            Assert.DoesNotContain("cognito:groups", Jwt.ClaimNames(tokens.AccessToken));
            Assert.DoesNotContain("cognito:groups", Jwt.ClaimNames(tokens.IdToken));
        }

        var withGroups = _issuer.Issue(Request(groups: ["g1"]));
        Assert.Equal(["sub", "cognito:groups", "iss"], Jwt.ClaimNames(withGroups.AccessToken).Take(3));
        using var payload = Jwt.Payload(withGroups.AccessToken);
        Assert.Equal(JsonValueKind.Array, payload.RootElement.GetProperty("cognito:groups").ValueKind);
    }

    [Fact]
    public void Roles_and_preferred_role_follow_the_groups_in_the_ID_token_only()
    {
        const string Admin = "arn:aws:iam::123456789012:role/admin";
        const string Staff = "arn:aws:iam::123456789012:role/staff";
        var tokens = _issuer.Issue(Request(groups: ["admins", "staff"]) with { Roles = [Admin, Staff], PreferredRole = Admin });

        Assert.Equal(["sub", "cognito:groups", "cognito:preferred_role", "cognito:roles", "email_verified", "iss"], Jwt.ClaimNames(tokens.IdToken).Take(6));
        using var id = Jwt.Payload(tokens.IdToken);
        Assert.Equal(Admin, id.RootElement.GetProperty("cognito:preferred_role").GetString());
        Assert.Equal([Admin, Staff], id.RootElement.GetProperty("cognito:roles").EnumerateArray().Select(r => r.GetString()));

        Assert.DoesNotContain("cognito:roles", Jwt.ClaimNames(tokens.AccessToken));
        Assert.DoesNotContain("cognito:preferred_role", Jwt.ClaimNames(tokens.AccessToken));
        Assert.Contains("cognito:groups", Jwt.ClaimNames(tokens.AccessToken));
    }

    [Fact]
    public void Roles_are_left_out_when_the_groups_have_none()
    {
        var tokens = _issuer.Issue(Request(groups: ["g1"]) with { Roles = [], PreferredRole = null });

        Assert.DoesNotContain("cognito:roles", Jwt.ClaimNames(tokens.IdToken));
        Assert.DoesNotContain("cognito:preferred_role", Jwt.ClaimNames(tokens.IdToken));
    }

    [Fact]
    public void OAuth_extras_appear_in_their_places_when_asked_for()
    {
        var tokens = _issuer.Issue(Request() with
        {
            Version = 2,
            DeviceKey = "ap-northeast-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            Nonce = "n-0S6_WzA2Mj",
            IncludeAtHash = true,
            Scope = "openid email aws.cognito.signin.user.admin",
        });

        Assert.Equal(
            ["sub", "device_key", "iss", "version", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp", "iat", "jti", "username"],
            Jwt.ClaimNames(tokens.AccessToken));
        Assert.Equal(
            ["at_hash", "sub", "email_verified", "iss", "cognito:username", "nonce", "origin_jti", "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti", "email"],
            Jwt.ClaimNames(tokens.IdToken));

        using var access = Jwt.Payload(tokens.AccessToken);
        Assert.Equal(2, access.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("openid email aws.cognito.signin.user.admin", access.RootElement.GetProperty("scope").GetString());

        using var id = Jwt.Payload(tokens.IdToken);
        var expected = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(tokens.AccessToken)).AsSpan(0, 16));
        Assert.Equal(expected, id.RootElement.GetProperty("at_hash").GetString());
        Assert.Equal("n-0S6_WzA2Mj", id.RootElement.GetProperty("nonce").GetString());
    }

    [Fact]
    public void Result_reports_whole_second_times()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(750));
        var tokens = _issuer.Issue(Request());
        Assert.Equal(Now, tokens.IssuedAt);
        Assert.Equal(Now.AddHours(1), tokens.AccessTokenExpiresAt);
        Assert.Equal(Now.AddMinutes(30), tokens.IdTokenExpiresAt);
    }

    [Fact]
    public void Signs_with_the_newest_key_of_each_use()
    {
        var newer = SigningKeyFactory.Create(TestKeys.PoolA, "access", new FakeTimeProvider(Now));
        var tokens = _issuer.Issue(Request() with { SigningKeys = [.. TestKeys.A, newer] });
        Assert.Contains(newer.KeyId, Jwt.HeaderJson(tokens.AccessToken), StringComparison.Ordinal);
        Assert.Contains(TestKeys.AIdKey.KeyId, Jwt.HeaderJson(tokens.IdToken), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_pool_without_both_keys_and_lifetimes_under_a_second()
    {
        Assert.Throws<InvalidOperationException>(() => _issuer.Issue(Request() with { SigningKeys = [TestKeys.AIdKey] }));
        Assert.Throws<InvalidOperationException>(() => _issuer.Issue(Request() with { SigningKeys = [TestKeys.AAccessKey] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _issuer.Issue(Request() with { AccessTokenLifetime = TimeSpan.FromMilliseconds(999) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _issuer.Issue(Request() with { IdTokenLifetime = TimeSpan.Zero }));
        _ = _issuer.Issue(Request() with { AccessTokenLifetime = TimeSpan.FromSeconds(1), IdTokenLifetime = TimeSpan.FromSeconds(1) });
    }
}
