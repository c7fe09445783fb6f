using System.Text;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Signing;
using Xunit;

namespace Ninsho.UnitTests.Signing;

/// <summary>The real CLI v1 request of docs/cognito-behaviour.md#sigv4-test-vector.</summary>
public sealed class SigV4VerifierTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Signature = "4b0d8748ec481ee77ba840c82e2b4e4295f38955c3b2ac6a11bca315c4db7225";
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 23, 6, 31, 10, TimeSpan.Zero);

    private static SigV4Request Request(string signature = Signature, string body = "{\"UserPoolId\": \"us-east-1_abc\", \"Username\": \"a\"}", string accessKey = "AKIDEXAMPLE")
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "127.0.0.1:18081",
            ["content-type"] = "application/x-amz-json-1.1",
            ["x-amz-target"] = "AWSCognitoIdentityProviderService.AdminGetUser",
            ["x-amz-date"] = "20261123T063110Z",
            ["authorization"] = $"AWS4-HMAC-SHA256 Credential={accessKey}/20261123/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={signature}",
        };
        return new SigV4Request("POST", "/", string.Empty, name => headers.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body));
    }

    private static SigV4Verifier Verifier(TimeSpan offset) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal) { ["AKIDEXAMPLE"] = Secret }, new FakeTimeProvider(SignedAt + offset));

    [Fact]
    public void Accepts_the_real_cli_request()
    {
        Assert.Equal(SigV4Result.Valid, Verifier(TimeSpan.FromMinutes(1)).Verify(Request()));
    }

    [Fact]
    public void Refuses_a_changed_body()
    {
        Assert.Equal(SigV4Result.BadSignature, Verifier(TimeSpan.Zero).Verify(Request(body: "{\"UserPoolId\": \"us-east-1_abc\", \"Username\": \"b\"}")));
    }

    [Fact]
    public void Refuses_a_changed_signature()
    {
        Assert.Equal(SigV4Result.BadSignature, Verifier(TimeSpan.Zero).Verify(Request(signature: new string('0', 64))));
    }

    [Fact]
    public void Refuses_an_unknown_access_key()
    {
        Assert.Equal(SigV4Result.UnknownAccessKey, Verifier(TimeSpan.Zero).Verify(Request(accessKey: "AKIDOTHER")));
    }

    [Theory]
    [InlineData(14, SigV4Result.Valid)]
    [InlineData(16, SigV4Result.Expired)]
    [InlineData(-16, SigV4Result.Expired)]
    public void Allows_fifteen_minutes_of_clock_skew(int minutes, SigV4Result expected)
    {
        Assert.Equal(expected, Verifier(TimeSpan.FromMinutes(minutes)).Verify(Request()));
    }

    [Fact]
    public void Reports_a_missing_authorization_header()
    {
        var request = Request() with { Header = name => name == "authorization" ? null : "x" };

        Assert.Equal(SigV4Result.Missing, Verifier(TimeSpan.Zero).Verify(request));
    }
}
