using System.Reflection;
using System.Text;
using System.Text.Json;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;


namespace Ninsho.Server.Tests.InProcess;

/// <summary>For every operation of both models: missing members, wrong JSON types, over-long strings, bad
/// enums, huge, deep and invalid bodies. Every answer must be a 4xx with a <c>__type</c> (or a 200), never a 5xx,
/// and the server must still answer afterwards.</summary>
public sealed class HostileInputTests : IClassFixture<InProcessServer>
{
    private readonly InProcessServer _server;

    public HostileInputTests(InProcessServer server) => _server = server;

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var target in IdentityProviderOperations.ByTarget.Keys.Concat(IdentityOperations.ByTarget.Keys).Order(StringComparer.Ordinal))
        {
            data.Add(target);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Answers_every_operation_with_a_typed_4xx_for_hostile_bodies(string target)
    {
        var descriptor = Descriptor(target);
        var bodies = new List<(string Why, byte[] Body)>
        {
            ("empty object", "{}"u8.ToArray()),
            ("empty body", []),
            ("not json", "not json"u8.ToArray()),
            ("json array", "[]"u8.ToArray()),
            ("json null", "null"u8.ToArray()),
            ("invalid utf-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
            ("deep nesting", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        };
        foreach (var property in descriptor.RequestType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            bodies.Add(($"{property.Name} wrong type", Json(property.Name, WrongTypeFor(property.PropertyType))));
            if (property.PropertyType == typeof(string))
            {
                bodies.Add(($"{property.Name} over-long", Json(property.Name, JsonSerializer.Serialize(new string('a', 100_000)))));
                bodies.Add(($"{property.Name} odd value", Json(property.Name, "\"NOT A VALID VALUE \\u0000 ✓\"")));
            }
        }

        foreach (var (why, body) in bodies)
        {
            var (status, json, response) = await _server.PostAsync(target, body);
            Assert.True(status is 200 or (>= 400 and < 500), $"{target} with {why}: HTTP {status}");
            Assert.True(response.Headers.Contains("x-amzn-RequestId"), $"{target} with {why}: no x-amzn-RequestId");
            if (status >= 400)
            {
                Assert.True(json?.TryGetProperty("__type", out _) == true, $"{target} with {why}: no __type");
                Assert.True(response.Headers.Contains("x-amzn-ErrorType"), $"{target} with {why}: no x-amzn-ErrorType");
            }
        }

        var alive = await _server.PostAsync("AWSCognitoIdentityProviderService.ListUserPools", "{\"MaxResults\":1}");
        Assert.Equal(200, alive.Status);
    }

    [Fact]
    public async Task Refuses_a_body_over_the_limit_without_a_5xx()
    {
        var body = Encoding.UTF8.GetBytes("{\"PoolName\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");

        var (status, json, _) = await _server.PostAsync("AWSCognitoIdentityProviderService.CreateUserPool", body);

        Assert.InRange(status, 400, 499);
        Assert.Equal("SerializationException", json?.GetProperty("__type").GetString());
    }

    private static OperationDescriptor Descriptor(string target) =>
        IdentityProviderOperations.ByTarget.TryGetValue(target, out var d) ? d : IdentityOperations.ByTarget[target];

    private static byte[] Json(string name, string valueJson) => Encoding.UTF8.GetBytes($"{{\"{name}\":{valueJson}}}");

    private static string WrongTypeFor(Type type) =>
        type == typeof(string) ? "{\"a\":1}"
        : Nullable.GetUnderlyingType(type) is { } inner && (inner == typeof(int) || inner == typeof(long) || inner == typeof(bool)) ? "\"text\""
        : type.IsGenericType ? "\"text\""
        : "[1,2]";
}
