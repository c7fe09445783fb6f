using System.Buffers.Text;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Ninsho.Core;
using Ninsho.Core.Features.IdentityPools;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;
using Ninsho.Storage;
using Xunit;

namespace Ninsho.UnitTests.Features;

/// <summary>The parts of role mapping the wire tests do not reach: claims that are not strings, <c>cognito:roles</c>
/// as a comma-separated string, several logins, guests (docs/compatibility-identity-roles.md).</summary>
public sealed class IdentityRoleResolverTests
{
    private const string Pool = "ap-northeast-1_abc";
    private const string Client = "client1";
    private const string Provider = "cognito-idp.ap-northeast-1.amazonaws.com/" + Pool;
    private const string DefaultRole = "arn:aws:iam::123456789012:role/default";
    private const string GuestRole = "arn:aws:iam::123456789012:role/guest";
    private const string RoleA = "arn:aws:iam::123456789012:role/a";
    private const string RoleB = "arn:aws:iam::123456789012:role/b";

    private readonly IdentityRoleResolver _resolver = new(new UserPoolProviderNames(new Issuer()));

    [Theory]
    [InlineData("email_verified", "Equals", "true")]
    [InlineData("custom:level", "Equals", "3")]
    [InlineData("cognito:groups", "Contains", "admins")]
    [InlineData("cognito:groups", "Equals", "users,admins")]
    [InlineData("cognito:username", "NotEqual", "bob")]
    public void Rules_match_booleans_numbers_and_arrays_as_text(string claim, string matchType, string value)
    {
        var identity = Authenticated(
            """{"aud":"client1","cognito:username":"alice","email_verified":true,"custom:level":3,"cognito:groups":["users","admins"]}""",
            Rules(new MappingRule { Claim = claim, MatchType = matchType, Value = value, RoleARN = RoleA }));

        Assert.Equal(RoleA, _resolver.Resolve(identity, null));
    }

    [Theory]
    [InlineData("missing", "NotEqual", "x")]
    [InlineData("cognito:username", "Equals", "Alice")]
    [InlineData("cognito:username", "StartsWith", "lice")]
    [InlineData("email_verified", "Equals", "True")]
    public void Rules_that_do_not_match_fall_to_AmbiguousRoleResolution(string claim, string matchType, string value)
    {
        var identity = Authenticated(
            """{"aud":"client1","cognito:username":"alice","email_verified":true}""",
            Rules(new MappingRule { Claim = claim, MatchType = matchType, Value = value, RoleARN = RoleA }));

        Assert.Equal(DefaultRole, _resolver.Resolve(identity, null));
    }

    [Fact]
    public void Token_roles_may_be_a_comma_separated_string()
    {
        var identity = Authenticated($$"""{"aud":"client1","cognito:roles":"{{RoleA}}, {{RoleB}}"}""", Token("Deny"));

        Assert.Equal(RoleB, _resolver.Resolve(identity, RoleB));
        var denied = Assert.Throws<CognitoException>(() => _resolver.Resolve(identity, null));
        Assert.Equal(("NotAuthorizedException", $"The ambiguous role mapping rules for: {Provider}:{Client} denied this request."), (denied.Type, denied.Message));
    }

    [Fact]
    public void A_mapping_for_another_client_does_not_apply()
    {
        var identity = Authenticated($$"""{"aud":"other-client","cognito:preferred_role":"{{RoleA}}"}""", Token("Deny"));

        Assert.Equal(DefaultRole, _resolver.Resolve(identity, RoleB));
    }

    [Fact]
    public void Guests_get_the_unauthenticated_role_and_no_custom_role()
    {
        var guest = new ResolvedIdentity(Identity(), Config(null), Authenticated: false);

        Assert.Equal(GuestRole, _resolver.Resolve(guest, null));
        Assert.Equal("InvalidParameterException", Assert.Throws<CognitoException>(() => _resolver.Resolve(guest, RoleA)).Type);
    }

    private static RoleMapping Token(string ambiguous) => new() { Type = RoleMappingType.Token, AmbiguousRoleResolution = ambiguous };

    private static RoleMapping Rules(params MappingRule[] rules) => new()
    {
        Type = RoleMappingType.Rules,
        AmbiguousRoleResolution = AmbiguousRoleResolutionType.AuthenticatedRole,
        RulesConfiguration = new RulesConfigurationType { Rules = rules },
    };

    private static ResolvedIdentity Authenticated(string payloadJson, RoleMapping mapping)
    {
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var token = new JsonWebToken(Base64Url.EncodeToString("""{"alg":"RS256"}"""u8) + "." + payload + ".c2ln");
        return new ResolvedIdentity(Identity(), Config(mapping), Authenticated: true,
            [new VerifiedLogin(Provider, Provider + "|sub", IdToken: token)]);
    }

    private static IdentityPoolConfig Config(RoleMapping? mapping) => new()
    {
        Pool = new IdentityPool { IdentityPoolId = "ap-northeast-1:00000000-0000-0000-0000-000000000000", IdentityPoolName = "p" },
        Roles = new Dictionary<string, string> { ["authenticated"] = DefaultRole, ["unauthenticated"] = GuestRole },
        RoleMappings = mapping is null ? null : new Dictionary<string, RoleMapping> { [$"{Provider}:{Client}"] = mapping },
    };

    private static StoredIdentity Identity() => new()
    {
        IdentityId = "ap-northeast-1:11111111-1111-1111-1111-111111111111",
        IdentityPoolId = "ap-northeast-1:00000000-0000-0000-0000-000000000000",
        Logins = [],
        CreatedAt = DateTimeOffset.UnixEpoch,
        ModifiedAt = DateTimeOffset.UnixEpoch,
    };

    private sealed class Issuer : IIssuerUrls
    {
        public string PublicBaseUrl => "http://127.0.0.1:9229";

        public bool AwsIssuer => false;
    }
}
