using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Security;
using Ninsho.Core.Tokens;
using Xunit;

namespace Ninsho.UnitTests.Tokens;

public sealed class AccessTokenValidatorTests
{
    private const string Issuer = TokenIssuerTests.Issuer;

    private readonly FakeTimeProvider _clock = new(TokenIssuerTests.Now);
    private readonly SigningKeyCache _cache = new();
    private readonly TokenIssuer _issuer;
    private readonly AccessTokenValidator _validator;

    public AccessTokenValidatorTests()
    {
        _issuer = new TokenIssuer(_cache, new IdGenerator(), _clock);
        _validator = new AccessTokenValidator(_cache, _clock);
    }

    private AccessTokenValidationResult Validate(string? token) => _validator.Validate(token, Issuer, TestKeys.A);

    [Fact]
    public void Accepts_our_access_token_and_returns_its_claims()
    {
        var tokens = _issuer.Issue(TokenIssuerTests.Request());
        var result = Validate(tokens.AccessToken);

        Assert.True(result.IsValid);
        Assert.Equal(AccessTokenFailure.None, result.Failure);
        Assert.Equal(
            new AccessTokenClaims(
                TokenIssuerTests.Sub,
                "alice",
                TokenIssuerTests.ClientId,
                "0d5e4c3b-2a19-4f87-a6b5-c4d3e2f1a0b9",
                tokens.AccessTokenJti,
                TokenIssuerTests.Now,
                TokenIssuerTests.Now.AddHours(1),
                "aws.cognito.signin.user.admin",
                "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
                TokenIssuerTests.AuthTime),
            result.Claims);
    }

    [Fact]
    public void Accepted_one_second_before_exp_rejected_at_and_after_exp()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        _clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.True(Validate(token).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AccessTokenFailure.Expired, Validate(token).Failure);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AccessTokenFailure.Expired, Validate(token).Failure);
    }

    [Fact]
    public void A_token_accepted_before_is_still_checked_for_expiry_issuer_and_key()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        var first = Validate(token);

        // Accepted again (from what this validator has verified), but only for the same issuer and pool keys.
        Assert.Equal(first.Claims, Validate(token).Claims);
        Assert.Equal(AccessTokenFailure.WrongIssuer, _validator.Validate(token, Issuer + "x", TestKeys.A).Failure);
        Assert.Equal(AccessTokenFailure.UnknownKey, _validator.Validate(token, Issuer, TestKeys.B).Failure);

        var forged = Jwt.WithPayload(token, Jwt.PayloadJson(token).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal));
        Assert.Equal(AccessTokenFailure.BadSignature, Validate(forged).Failure);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AccessTokenFailure.Expired, Validate(token).Failure);
    }

    [Fact]
    public void Clock_skew_setting_extends_exp_both_sides()
    {
        var lenient = new AccessTokenValidator(_cache, _clock, new AccessTokenValidatorOptions { ClockSkew = TimeSpan.FromSeconds(30) });
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(29));
        Assert.True(lenient.Validate(token, Issuer, TestKeys.A).IsValid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AccessTokenFailure.Expired, lenient.Validate(token, Issuer, TestKeys.A).Failure);
    }

    [Fact]
    public void Tampered_payload_is_a_bad_signature()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        var forged = Jwt.WithPayload(token, Jwt.PayloadJson(token).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal));
        Assert.Equal(AccessTokenFailure.BadSignature, Validate(forged).Failure);
    }

    [Fact]
    public void Tampered_signature_is_a_bad_signature()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        var last = token.LastIndexOf('.') + 5;
        var forged = token[..last] + (token[last] == 'A' ? 'B' : 'A') + token[(last + 1)..];
        Assert.Equal(AccessTokenFailure.BadSignature, Validate(forged).Failure);
        Assert.Equal(AccessTokenFailure.BadSignature, Validate(token[..^4]).Failure);
    }

    [Fact]
    public void Kid_not_in_the_pool_is_an_unknown_key()
    {
        var otherPool = _issuer.Issue(TokenIssuerTests.Request() with { SigningKeys = TestKeys.B }).AccessToken;
        Assert.Equal(AccessTokenFailure.UnknownKey, Validate(otherPool).Failure);

        var renamed = Jwt.Sign(_cache.Get(TestKeys.AAccessKey), """{"kid":"bm90LWEta2V5","alg":"RS256"}""", Jwt.PayloadJson(otherPool));
        Assert.Equal(AccessTokenFailure.UnknownKey, Validate(renamed).Failure);
    }

    [Fact]
    public void Signed_by_another_key_under_our_kid_is_a_bad_signature()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        var forged = Jwt.Sign(_cache.Get(TestKeys.B[1]), Jwt.HeaderJson(token), Jwt.PayloadJson(token));
        Assert.Equal(AccessTokenFailure.BadSignature, Validate(forged).Failure);
    }

    [Fact]
    public void ID_token_is_the_wrong_use()
    {
        var idToken = _issuer.Issue(TokenIssuerTests.Request()).IdToken;
        Assert.Equal(AccessTokenFailure.WrongUse, Validate(idToken).Failure);
    }

    [Fact]
    public void Access_claims_signed_with_the_ID_key_are_the_wrong_use()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        var forged = Jwt.Sign(_cache.Get(TestKeys.AIdKey), Jwt.PayloadJson(token));
        Assert.Equal(AccessTokenFailure.WrongUse, Validate(forged).Failure);
    }

    [Fact]
    public void Another_issuer_is_the_wrong_issuer()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        Assert.Equal(AccessTokenFailure.WrongIssuer, _validator.Validate(token, Issuer + "x", TestKeys.A).Failure);
        Assert.Equal(AccessTokenFailure.WrongIssuer, _validator.Validate(token, "https://cognito-idp.ap-northeast-1.amazonaws.com/" + TestKeys.PoolA, TestKeys.A).Failure);
    }

    [Fact]
    public void Use_and_issuer_are_reported_before_expiry()
    {
        var tokens = _issuer.Issue(TokenIssuerTests.Request());
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(AccessTokenFailure.WrongUse, Validate(tokens.IdToken).Failure);
        Assert.Equal(AccessTokenFailure.WrongIssuer, _validator.Validate(tokens.AccessToken, "other", TestKeys.A).Failure);
    }

    public static TheoryData<string?> Garbage => new(
        null,
        "",
        "abc",
        "a.b",
        "a.b.c.d",
        "..",
        "a..c",
        ".b.c",
        "a.b.",
        "eyJ.eyJ.sig",
        "not a token at all",
        "eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYifQ.e30.c2ln=",
        "eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYifQ.e30.c2ln*",
        "bnVsbA.e30.c2ln", // header "null"
        "W10.e30.c2ln", // header []
        "e30.e30.c2ln", // header {}
        "eyJhbGciOiJSUzI1NiJ9.e30.c2ln", // no kid
        "eyJraWQiOjEsImFsZyI6IlJTMjU2In0.e30.c2ln", // numeric kid
        "eyJraWQiOiJ4IiwiYWxnIjoibm9uZSJ9.e30.c2ln", // alg none
        "eyJraWQiOiJ4IiwiYWxnIjoiSFMyNTYifQ.e30.c2ln", // alg HS256
        "eyJraWQiOiJ4IiwiYWxnIjoiUlMyNTYi.e30.c2ln"); // truncated JSON

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_malformed_never_an_exception(string? token)
    {
        Assert.Equal(AccessTokenFailure.Malformed, Validate(token).Failure);
        Assert.Null(AccessTokenValidator.ReadUnverifiedIssuer(token));
    }

    [Fact]
    public void Overlong_token_is_malformed()
    {
        var token = _issuer.Issue(TokenIssuerTests.Request()).AccessToken;
        Assert.Equal(AccessTokenFailure.Malformed, Validate(token + new string('A', AccessTokenValidator.MaxTokenLength)).Failure);
    }

    [Theory]
    [InlineData("""{"sub":"s","iss":"I","client_id":"c","token_use":"access","exp":99999999999,"iat":1}""")] // no jti
    [InlineData("""{"sub":"s","iss":"I","client_id":"c","token_use":"access","iat":1,"jti":"j"}""")] // no exp
    [InlineData("""{"sub":"s","iss":"I","client_id":"c","token_use":"access","exp":"99999999999","iat":1,"jti":"j"}""")] // exp a string
    [InlineData("""{"sub":"s","iss":"I","client_id":"c","token_use":"access","exp":1e300,"iat":1,"jti":"j"}""")] // exp out of range
    [InlineData("""{"sub":"s","iss":"I","token_use":"access","exp":99999999999,"iat":1,"jti":"j"}""")] // no client_id
    [InlineData("""{"iss":"I","client_id":"c","token_use":"access","exp":99999999999,"iat":1,"jti":"j"}""")] // no sub
    [InlineData("""{"sub":"s","iss":"I","client_id":"c","exp":99999999999,"iat":1,"jti":"j"}""")] // no token_use
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"sub":""")]
    public void Signed_but_incomplete_payloads_are_malformed(string payload)
    {
        var token = Jwt.Sign(_cache.Get(TestKeys.AAccessKey), payload.Replace("\"I\"", $"\"{Issuer}\"", StringComparison.Ordinal));
        Assert.Equal(AccessTokenFailure.Malformed, Validate(token).Failure);
    }

    [Fact]
    public void Client_credentials_shape_without_user_claims_is_accepted()
    {
        var token = Jwt.Sign(
            _cache.Get(TestKeys.AAccessKey),
            $$"""{"sub":"c","token_use":"access","scope":"rs/read","auth_time":1,"iss":"{{Issuer}}","exp":{{TokenIssuerTests.Now.ToUnixTimeSeconds() + 60}},"iat":1,"version":2,"jti":"j","client_id":"c"}""");
        var result = Validate(token);
        Assert.True(result.IsValid);
        Assert.Null(result.Claims.Username);
        Assert.Null(result.Claims.OriginJti);
        Assert.Equal("rs/read", result.Claims.Scope);
    }

    [Fact]
    public void ReadUnverifiedIssuer_reads_iss_without_checking_anything()
    {
        var tokens = _issuer.Issue(TokenIssuerTests.Request());
        Assert.Equal(Issuer, AccessTokenValidator.ReadUnverifiedIssuer(tokens.AccessToken));
        Assert.Equal(Issuer, AccessTokenValidator.ReadUnverifiedIssuer(tokens.IdToken));
        Assert.Equal(Issuer, AccessTokenValidator.ReadUnverifiedIssuer(Jwt.WithPayload(tokens.AccessToken, $$"""{"iss":"{{Issuer}}"}""")));
        Assert.Null(AccessTokenValidator.ReadUnverifiedIssuer(Jwt.WithPayload(tokens.AccessToken, """{"iss":42}""")));
        Assert.Null(AccessTokenValidator.ReadUnverifiedIssuer(Jwt.WithPayload(tokens.AccessToken, """{"sub":"x"}""")));
        Assert.Null(AccessTokenValidator.ReadUnverifiedIssuer(Jwt.WithPayload(tokens.AccessToken, """["iss"]""")));
    }
}
