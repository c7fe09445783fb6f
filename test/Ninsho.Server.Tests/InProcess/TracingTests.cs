using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Ninsho.Server.Tests.InProcess;

/// <summary>
/// Traces (docs/operations.md#metrics-and-traces): a listener on the <c>Ninsho</c> and ASP.NET Core activity sources
/// sees one span per API call named after the Cognito operation, with the storage calls, the password check and the
/// token signing as its children. The call carries a <c>traceparent</c> of the test's own trace id, so spans of other
/// tests in this process are told apart.
/// </summary>
public sealed class TracingTests
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_name_the_request_span_after_the_operation_with_storage_hash_and_signing_children()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Ninsho" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var server = InProcessServer.With(o => o with { Metrics = true });
        await server.InitializeAsync();
        var pool = await CallAsync(server, "CreateUserPool", """{"PoolName":"traces"}""", null);
        var poolId = pool.Prop("UserPool").Str("Id");
        var client = await CallAsync(server, "CreateUserPoolClient",
            $$"""{"UserPoolId":"{{poolId}}","ClientName":"app","ExplicitAuthFlows":["ALLOW_ADMIN_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}""", null);
        var clientId = client.Prop("UserPoolClient").Str("ClientId");
        _ = await CallAsync(server, "AdminCreateUser", $$"""{"UserPoolId":"{{poolId}}","Username":"erin","MessageAction":"SUPPRESS"}""", null);
        _ = await CallAsync(server, "AdminSetUserPassword", $$"""{"UserPoolId":"{{poolId}}","Username":"erin","Password":"Perm#Trace1234","Permanent":true}""", null);

        var traceparent = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";
        var signedIn = await CallAsync(server, "AdminInitiateAuth",
            $$"""{"UserPoolId":"{{poolId}}","ClientId":"{{clientId}}","AuthFlow":"ADMIN_USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"erin","PASSWORD":"Perm#Trace1234"} }""",
            traceparent);
        Assert.Equal(JsonValueKind.Object, signedIn.Prop("AuthenticationResult").ValueKind);

        // The server span stops after the answer is written: wait for it briefly.
        var waited = Stopwatch.StartNew();
        while (!spans.Any(s => s.Kind == ActivityKind.Server) && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var all = spans.ToArray();
        var described = string.Join("\n", all.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} parent {s.ParentSpanId}"));
        var request = Assert.Single(all, s => s.Kind == ActivityKind.Server);
        Assert.True(request.DisplayName == "AdminInitiateAuth", described);
        Assert.Equal("AdminInitiateAuth", request.GetTagItem("rpc.method"));
        var children = all.Where(s => s.ParentSpanId == request.SpanId).Select(s => s.DisplayName).ToList();
        Assert.True(children.Any(n => n.StartsWith("storage Users.", StringComparison.Ordinal)), described);
        Assert.True(children.Contains("password verify"), described);
        Assert.True(children.Contains("token sign"), described);
        var storage = all.First(s => s.DisplayName.StartsWith("storage ", StringComparison.Ordinal));
        Assert.Equal("sqlite", storage.GetTagItem("db.system"));
    }

    private static async Task<JsonElement> CallAsync(InProcessServer server, string operation, string body, string? traceparent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl);
        _ = request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        if (traceparent is not null)
        {
            _ = request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        }

        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{operation}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
