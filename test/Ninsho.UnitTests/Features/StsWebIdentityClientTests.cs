using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Ninsho.Core.Features.IdentityPools;
using Ninsho.Protocol.Errors;
using Xunit;

namespace Ninsho.UnitTests.Features;

/// <summary>The STS call of <c>--sts-endpoint</c> against a fake STS: the request Cognito's enhanced flow makes, the
/// credentials read from STS's XML, and each STS failure as a Cognito error (docs/compatibility-sts.md).</summary>
public sealed class StsWebIdentityClientTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1/");
    private const string Role = "arn:aws:iam::123456789012:role/auth";

    private const string Success = """
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <Credentials>
              <AccessKeyId>ASIAEXAMPLEKEY123456</AccessKeyId>
              <SecretAccessKey>secret/with+chars</SecretAccessKey>
              <SessionToken>session-token</SessionToken>
              <Expiration>2030-01-02T03:04:05.678Z</Expiration>
            </Credentials>
          </AssumeRoleWithWebIdentityResult>
        </AssumeRoleWithWebIdentityResponse>
        """;

    private static string Error(string code) => $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error>
          <RequestId>r</RequestId>
        </ErrorResponse>
        """;

    [Fact]
    public async Task Sends_the_unsigned_query_call_and_returns_the_credentials_STS_gave()
    {
        var sts = new FakeSts((_, _) => Answer(HttpStatusCode.OK, Success));
        using var client = new StsWebIdentityClient(Endpoint, NullLogger.Instance, sts, TimeSpan.FromSeconds(5));

        var credentials = await client.AssumeRoleAsync(Role, "the.open.id-token", "ap-northeast-1:identity", TestContext.Current.CancellationToken);

        Assert.Equal("ASIAEXAMPLEKEY123456", credentials.AccessKeyId);
        Assert.Equal("secret/with+chars", credentials.SecretKey);
        Assert.Equal("session-token", credentials.SessionToken);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), credentials.Expiration);
        var (method, uri, form, authorization) = Assert.Single(sts.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal(Endpoint, uri);
        Assert.Null(authorization);
        Assert.Equal(
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fauth"
            + "&RoleSessionName=CognitoIdentityCredentials&WebIdentityToken=the.open.id-token",
            form);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AccessDenied", "InvalidIdentityPoolConfigurationException")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidIdentityToken", "InvalidIdentityPoolConfigurationException")]
    [InlineData(HttpStatusCode.BadRequest, "IDPRejectedClaim", "InvalidIdentityPoolConfigurationException")]
    [InlineData(HttpStatusCode.BadRequest, "Throttling", "TooManyRequestsException")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalFailure", "ExternalServiceException")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "ExternalServiceException")]
    public async Task Answers_an_STS_error_with_Cognitos_error(HttpStatusCode status, string stsCode, string cognitoType)
    {
        using var client = new StsWebIdentityClient(Endpoint, NullLogger.Instance, new FakeSts((_, _) => Answer(status, Error(stsCode))), TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<CognitoException>(() => client.AssumeRoleAsync(Role, "t", "id", TestContext.Current.CancellationToken));

        Assert.Equal(cognitoType, e.Type);
        Assert.Equal(400, e.StatusCode);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html>not sts</html>")]
    [InlineData(HttpStatusCode.OK, "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult/></AssumeRoleWithWebIdentityResponse>")]
    [InlineData(HttpStatusCode.NotFound, "not found")]
    [InlineData(HttpStatusCode.OK, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>")]
    public async Task Answers_ExternalServiceException_when_the_answer_is_not_STSs(HttpStatusCode status, string body)
    {
        using var client = new StsWebIdentityClient(Endpoint, NullLogger.Instance, new FakeSts((_, _) => Answer(status, body)), TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<CognitoException>(() => client.AssumeRoleAsync(Role, "t", "id", TestContext.Current.CancellationToken));

        Assert.Equal("ExternalServiceException", e.Type);
    }

    [Fact]
    public async Task Gives_up_after_the_timeout_when_STS_never_answers()
    {
        var sts = new FakeSts(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var client = new StsWebIdentityClient(Endpoint, NullLogger.Instance, sts, TimeSpan.FromMilliseconds(200));

        var started = TimeProvider.System.GetTimestamp();
        var e = await Assert.ThrowsAsync<CognitoException>(() => client.AssumeRoleAsync(Role, "t", "id", TestContext.Current.CancellationToken));

        Assert.Equal("ExternalServiceException", e.Type);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Answers_ExternalServiceException_when_STS_cannot_be_reached()
    {
        var sts = new FakeSts((_, _) => throw new HttpRequestException("Connection refused"));
        using var client = new StsWebIdentityClient(Endpoint, NullLogger.Instance, sts, TimeSpan.FromSeconds(5));

        var e = await Assert.ThrowsAsync<CognitoException>(() => client.AssumeRoleAsync(Role, "t", "id", TestContext.Current.CancellationToken));

        Assert.Equal("ExternalServiceException", e.Type);
    }

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") });

    private sealed class FakeSts(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public List<(HttpMethod Method, Uri? Uri, string Form, string? Authorization)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri, form, request.Headers.Authorization?.ToString()));
            return await answer(request, cancellationToken);
        }
    }
}
