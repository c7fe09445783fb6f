using System.Text;
using Ninsho.Core.Signing;
using Ninsho.Core.Triggers;
using Xunit;

namespace Ninsho.UnitTests.Signing;

/// <summary>The Lambda Invoke call of a trigger (docs/triggers.md#how-a-trigger-runs), signed as botocore signs it.</summary>
public sealed class SigV4SignerTests
{
    [Fact]
    public void Does_sign_an_Invoke_call_as_botocore_does_with_the_ARN_escaped_in_the_path()
    {
        var target = TriggerTarget.Resolve(
            "arn:aws:lambda:ap-northeast-1:123456789012:function:pre-sign-up", new Uri("http://127.0.0.1:3001/"),
            new Dictionary<string, Uri>(StringComparer.Ordinal), "us-east-1")!;
        Assert.False(target.IsWebhook);
        Assert.Equal("ap-northeast-1", target.SigningRegion);
        Assert.Equal(
            "http://127.0.0.1:3001/2015-03-31/functions/arn%3Aaws%3Alambda%3Aap-northeast-1%3A123456789012%3Afunction%3Apre-sign-up/invocations",
            target.Url.AbsoluteUri);

        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url);
        SigV4Signer.Sign(request, Encoding.UTF8.GetBytes("""{"version":"1"}"""),
            new AwsSigningCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN"),
            "ap-northeast-1", "lambda", new DateTimeOffset(2026, 12, 5, 6, 29, 48, TimeSpan.Zero));

        // botocore's SigV4Auth("lambda", "ap-northeast-1") on the same request and time.
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/ap-northeast-1/lambda/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
            + "Signature=e8ce1a9b7f9c64c1f2c28df41e7b1ffdad56bd7e060db4470007f338181bfaf6",
            request.Headers.Authorization!.ToString());
        Assert.Equal("20261205T062948Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("SESSIONTOKEN", request.Headers.GetValues("X-Amz-Security-Token").Single());
    }

    [Fact]
    public void Does_send_a_function_to_its_webhook_by_ARN_name_with_qualifier_or_name()
    {
        var hook = new Uri("https://hooks.example/presignup");
        var byName = new Dictionary<string, Uri>(StringComparer.Ordinal) { ["pre-sign-up"] = hook };
        Assert.Equal(hook, TriggerTarget.Resolve("arn:aws:lambda:us-east-1:1:function:pre-sign-up:live", null, byName, "us-east-1")!.Url);
        Assert.True(TriggerTarget.Resolve("arn:aws:lambda:us-east-1:1:function:pre-sign-up", new Uri("http://127.0.0.1:3001"), byName, "us-east-1")!.IsWebhook);
        Assert.Null(TriggerTarget.Resolve("arn:aws:lambda:us-east-1:1:function:other", null, byName, "us-east-1"));
    }
}
