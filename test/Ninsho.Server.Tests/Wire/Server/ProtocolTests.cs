using System.Net;
using System.Text;

namespace Ninsho.Server.Tests;

[CollectionDefinition(Name)]
public sealed class ProtocolServer : ICollectionFixture<NinshoServerFixture>
{
    public const string Name = "AWS JSON 1.1 protocol (one shared server)";
}

/// <summary>
/// The AWS JSON 1.1 envelope over raw HTTP (docs/cognito-behaviour.md#aws-json-request-envelope): targets, serialization and validation errors, error
/// headers, request ids, unimplemented operations, a missing pool, and a body too large. Exact <c>__type</c> and
/// message wherever docs/cognito-behaviour.md gives them.
/// </summary>
[Collection(ProtocolServer.Name)]
public sealed class ProtocolTests(NinshoServerFixture fixture)
{
    private const string WellFormedPoolId = "ap-northeast-1_NoSuchPool1";

    private RawCognito Raw => fixture.Raw;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_200_when_health_is_asked()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.GetAsync("/health", ct);

        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_json_with_request_id_when_operation_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync("ListUserPools", """{"MaxResults":10}""", ct);

        Assert.True(response.Status == HttpStatusCode.OK, response.Describe());
        Assert.StartsWith("application/x-amz-json-1.1", response.Header("Content-Type") ?? "", StringComparison.Ordinal);
        AssertRequestId(response);
        AssertLengthFramed(response);
        Assert.True(response.Json is not null, response.Describe());
        _ = response.Json!.RootElement.Items("UserPools");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_UnknownOperationException_when_target_is_unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.PostAsync(RawCognito.IdpPrefix + "NoSuchOperation", "{}", ct);

        AssertError(response, "UnknownOperationException");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_UnknownOperationException_when_target_service_is_unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.PostAsync("AWSNoSuchService.ListUserPools", """{"MaxResults":10}""", ct);

        AssertError(response, "UnknownOperationException");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_UnknownOperationException_when_target_header_is_missing()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.PostAsync(target: null, """{"MaxResults":10}""", ct);

        AssertError(response, "UnknownOperationException");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_SerializationException_when_body_is_not_json()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync("ListUserPools", "this is not json", ct);

        AssertError(response, "SerializationException");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_SerializationException_when_member_has_wrong_json_type()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync("ListUserPools", """{"MaxResults":"ten"}""", ct);

        AssertError(response, "SerializationException");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_InvalidParameterException_when_required_member_is_missing()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync("ListUserPools", "{}", ct);

        AssertError(response, "InvalidParameterException");
        Assert.StartsWith(
            "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
            response.Message,
            StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_InvalidParameterException_when_pool_id_breaks_pattern()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync("DescribeUserPool", """{"UserPoolId":"bad pool"}""", ct);

        AssertError(response, "InvalidParameterException");
        Assert.Equal(
            @"1 validation error detected: Value 'bad pool' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w-]+_[0-9a-zA-Z]+",
            response.Message);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_InvalidParameterException_when_string_is_too_long()
    {
        var ct = TestContext.Current.CancellationToken;
        var tooLong = "ap-northeast-1_" + new string('a', 41); // 56 characters; UserPoolIdType allows 55.

        var response = await Raw.IdpAsync("DescribeUserPool", $$"""{"UserPoolId":"{{tooLong}}"}""", ct);

        AssertError(response, "InvalidParameterException");
        Assert.Equal(
            $"1 validation error detected: Value '{tooLong}' at 'userPoolId' failed to satisfy constraint: Member must have length less than or equal to 55",
            response.Message);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_InvalidParameterException_when_enum_value_is_unknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync(
            "AdminCreateUser", $$"""{"UserPoolId":"{{WellFormedPoolId}}","Username":"alice","MessageAction":"NOPE"}""", ct);

        AssertError(response, "InvalidParameterException");
        Assert.StartsWith(
            "1 validation error detected: Value 'NOPE' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [",
            response.Message,
            StringComparison.Ordinal);
        Assert.Contains("RESEND", response.Message, StringComparison.Ordinal);
        Assert.Contains("SUPPRESS", response.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_leave_out_the_value_when_a_sensitive_member_fails_validation()
    {
        var ct = TestContext.Current.CancellationToken;
        var password = "Aa1!" + new string('x', 300); // PasswordType allows 256 characters and is sensitive.

        var response = await Raw.IdpAsync(
            "AdminSetUserPassword",
            $$"""{"UserPoolId":"{{WellFormedPoolId}}","Username":"alice","Password":"{{password}}","Permanent":true}""",
            ct);

        AssertError(response, "InvalidParameterException");
        Assert.Contains(
            "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
            response.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("xxxxxxxx", response.Body, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_name_the_operation_in_a_4xx_when_operation_is_not_implemented()
    {
        var ct = TestContext.Current.CancellationToken;
        // A modelled operation that Ninsho does not build: its FeedbackToken only comes in Cognito's risk emails.
        var response = await Raw.IdpAsync("UpdateAuthEventFeedback",
            $$"""{"UserPoolId":"{{WellFormedPoolId}}","Username":"alice","EventId":"e-1","FeedbackToken":"t","FeedbackValue":"Valid"}""", ct);

        Assert.True(response.StatusCode is >= 400 and < 500, response.Describe());
        AssertRequestId(response);
        Assert.False(string.IsNullOrEmpty(response.ErrorType), response.Describe());
        Assert.Contains("UpdateAuthEventFeedback", response.Message ?? "", StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_reject_with_ResourceNotFoundException_when_pool_does_not_exist()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Raw.IdpAsync("DescribeUserPool", $$"""{"UserPoolId":"{{WellFormedPoolId}}"}""", ct);

        AssertError(response, "ResourceNotFoundException");
        Assert.Equal($"User pool {WellFormedPoolId} does not exist.", response.Message);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_print_the_cli_error_line_when_pool_does_not_exist()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await fixture.Cli.CognitoIdpAsync(ct, "describe-user-pool", "--user-pool-id", WellFormedPoolId);

        result.AssertError("ResourceNotFoundException", "DescribeUserPool", $"User pool {WellFormedPoolId} does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_answer_4xx_and_keep_serving_when_body_is_2_mb()
    {
        var ct = TestContext.Current.CancellationToken;
        var body = Encoding.UTF8.GetBytes($$"""{"UserPoolId":"{{new string('a', 2 * 1024 * 1024)}}"}""");

        var response = await Raw.PostAsync(RawCognito.IdpPrefix + "DescribeUserPool", body, ct);

        Assert.True(response.StatusCode is >= 400 and < 500, $"expected a 4xx, got:\n{response.Describe()}");
        var after = await Raw.IdpAsync("ListUserPools", """{"MaxResults":1}""", ct);
        Assert.True(after.Status == HttpStatusCode.OK, $"the server should still answer:\n{after.Describe()}");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_serve_jwks_and_discovery_when_pool_exists()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = (await fixture.Cli.CognitoIdpAsync(ct, "create-user-pool", "--pool-name", "protocol-jwks"))
            .Ok().Prop("UserPool").Str("Id");
        var issuer = NodeTokenVerifier.Issuer(fixture.BaseUrl, poolId);

        var jwks = await Raw.GetAsync($"/{poolId}/.well-known/jwks.json", ct);
        Assert.True(jwks.Status == HttpStatusCode.OK, jwks.Describe());
        var keys = jwks.Json!.RootElement.Items("keys");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.Equal("RSA", key.Str("kty"));
            Assert.Equal("RS256", key.Str("alg"));
            Assert.Equal("sig", key.Str("use"));
            Assert.Equal("AQAB", key.Str("e"));
            Assert.False(string.IsNullOrEmpty(key.Str("kid")));
            Assert.False(string.IsNullOrEmpty(key.Str("n")));
        }

        var discovery = await Raw.GetAsync($"/{poolId}/.well-known/openid-configuration", ct);
        Assert.True(discovery.Status == HttpStatusCode.OK, discovery.Describe());
        var document = discovery.Json!.RootElement;
        Assert.Equal(issuer, document.Str("issuer"));
        Assert.Equal(issuer + "/.well-known/jwks.json", document.Str("jwks_uri"));
        Assert.Equal(["RS256"], document.Items("id_token_signing_alg_values_supported").Select(a => a.GetString()));
    }

    /// <summary>
    /// An error as every client parses it: HTTP 400, <c>__type</c> exactly the bare name, a message,
    /// <c>x-amzn-ErrorType</c> naming the same type (clients cut at ':'), and a request id.
    /// </summary>
    private static void AssertError(RawResponse response, string errorType)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, $"expected HTTP 400 {errorType}, got:\n{response.Describe()}");
        Assert.True(response.ErrorType == errorType, $"expected __type {errorType}, got:\n{response.Describe()}");
        Assert.True(response.Message is not null, $"expected a message, got:\n{response.Describe()}");
        var headerType = response.Header("x-amzn-ErrorType");
        Assert.True(headerType is not null, $"expected an x-amzn-ErrorType header, got:\n{response.Describe()}");
        Assert.Equal(errorType, headerType!.Split(':')[0]);
        AssertRequestId(response);
        AssertLengthFramed(response);
    }

    /// <summary>Cognito's answers carry <c>Content-Length</c> (docs/cognito-behaviour.md#aws-json-request-envelope),
    /// not chunked framing: the body is whole before the first byte goes out.</summary>
    private static void AssertLengthFramed(RawResponse response)
    {
        Assert.True(response.Header("Transfer-Encoding") is null, $"expected no Transfer-Encoding, got:\n{response.Describe()}");
        Assert.True(
            response.Header("Content-Length") == Encoding.UTF8.GetByteCount(response.Body).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"expected Content-Length of the body's bytes, got:\n{response.Describe()}");
    }

    private static void AssertRequestId(RawResponse response) =>
        Assert.False(string.IsNullOrWhiteSpace(response.Header("x-amzn-RequestId")), $"expected x-amzn-RequestId, got:\n{response.Describe()}");
}
