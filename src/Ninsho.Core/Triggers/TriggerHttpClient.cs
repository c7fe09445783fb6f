using System.Net.Http.Headers;
using Ninsho.Core.Signing;

namespace Ninsho.Core.Triggers;

/// <summary>The HTTP side of a trigger call (the named client <see cref="ClientName"/> of IHttpClientFactory): one POST of the event to a
/// <see cref="TriggerTarget"/>, SigV4-signed for service <c>lambda</c> when it is an Invoke call. Returns what came
/// back; timeouts and unreachable endpoints surface as the HttpClient's exceptions.</summary>
internal sealed class TriggerHttpClient(IHttpClientFactory factory, NinshoCoreOptions options, TimeProvider clock)
{
    public const string ClientName = "ninsho-lambda-triggers";

    /// <summary>Lambda's largest synchronous response payload: anything bigger is not a valid answer.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    /// <summary>Lambda's synchronous invocation type (every trigger but the custom senders).</summary>
    public const string RequestResponse = "RequestResponse";

    /// <summary>Lambda's asynchronous invocation type: answered 202 at once, the function runs afterwards.</summary>
    public const string Event = "Event";

    public async Task<TriggerHttpAnswer> PostAsync(TriggerTarget target, byte[] eventJson, CancellationToken ct, string invocationType = RequestResponse)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(eventJson) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!target.IsWebhook)
        {
            _ = request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", invocationType);
            SigV4Signer.Sign(request, eventJson, options.LambdaCredentials, target.SigningRegion, "lambda", clock.GetUtcNow());
        }

        var http = factory.CreateClient(ClientName);
        using var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await answer.Content.ReadAsStringAsync(ct);
        return new TriggerHttpAnswer(
            (int)answer.StatusCode,
            Header(answer, "X-Amz-Function-Error"),
            Header(answer, "x-amzn-ErrorType"),
            body);
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;
}
