using System.Text;

namespace Ninsho.Server.Tests;

/// <summary>The harness's own signer against the real CLI request of docs/cognito-behaviour.md#sigv4-test-vector.</summary>
public sealed class SigV4SignerTests
{
    [Fact]
    public void Does_match_the_cli_signature_when_signing_the_appendix_a_request()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Host"] = "127.0.0.1:18081",
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["X-Amz-Target"] = "AWSCognitoIdentityProviderService.AdminGetUser",
            ["X-Amz-Date"] = "20261123T063110Z",
        };
        var body = Encoding.UTF8.GetBytes("""{"UserPoolId": "us-east-1_abc", "Username": "a"}""");

        var authorization = SigV4Signer.Authorization(
            headers, body, "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "cognito-idp");

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/cognito-idp/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
            + "Signature=4b0d8748ec481ee77ba840c82e2b4e4295f38955c3b2ac6a11bca315c4db7225",
            authorization);
    }
}
