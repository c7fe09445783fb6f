using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Features.TestControl;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Server.Hosting;
using Ninsho.Server.Seed;

namespace Ninsho.Server.Endpoints;

/// <summary>The test-control routes (docs/test-control.md), operator routes behind <see cref="OperatorAccess"/>:
/// <list type="bullet">
/// <item><c>POST /_ninsho/reset[?pool=ID]</c> and moto's <c>POST /moto-api/reset</c>: delete everything (or one user
/// pool), put the clock back, apply the seed file again;</item>
/// <item><c>GET /_ninsho/clock</c>, <c>POST /_ninsho/clock?advance=25h</c>: read or move the server's clock forward;</item>
/// <item><c>POST /_ninsho/users</c>: a confirmed user and its tokens in one call.</item>
/// </list>
/// Errors answer 400 with Cognito's <c>{"__type","message"}</c>.</summary>
internal static class TestControlEndpoints
{
    public const string MotoResetPath = "/moto-api/reset";

    public static void MapTestControl(this WebApplication app)
    {
        app.MapPost("/_ninsho/reset", (string? pool, HttpContext http) => ResetAsync(pool, http));
        app.MapPost(MotoResetPath, async (HttpContext http) =>
        {
            var answer = await ResetAsync(null, http);
            return answer is JsonAnswer { Status: 200 } ? Json(new JsonObject { ["status"] = "ok" }) : answer;
        });
        app.MapGet("/_ninsho/clock", (ServerClock clock) => Json(ClockJson(clock)));
        app.MapPost("/_ninsho/clock", (string? advance, ServerClock clock) =>
        {
            if (ParseDuration(advance) is not { } by)
            {
                return Error(CognitoErrors.ClockAdvanceInvalid());
            }

            _ = clock.Advance(by);
            return Json(ClockJson(clock));
        });
        app.MapPost("/_ninsho/users", ConfirmedUserAsync);
    }

    internal static async Task<IResult> ResetAsync(string? pool, HttpContext http)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        try
        {
            var deleted = await services.GetRequiredService<TestControlService>().ResetAsync(string.IsNullOrEmpty(pool) ? null : pool, ct);
            if (string.IsNullOrEmpty(pool))
            {
                services.GetRequiredService<ServerClock>().ResetOffset();
            }

            var report = await services.GetRequiredService<SeedRunner>().ApplyAsync(ct);
            return Json(new JsonObject
            {
                ["Reset"] = string.IsNullOrEmpty(pool) ? "all" : pool,
                ["UserPoolsDeleted"] = deleted,
                ["Seed"] = report?.ToString(),
            });
        }
        catch (CognitoException e)
        {
            return Error(e);
        }
        catch (SeedException e)
        {
            return Error(CognitoErrors.SeedNotApplied(e.Message));
        }
    }

    /// <summary><c>{"UserPoolId","ClientId","Username","Password"?,"Attributes":{"email":"…"}}</c>: AdminCreateUser
    /// (no message), AdminSetUserPassword permanent, then the tokens of a sign-in by that client.</summary>
    private static async Task<IResult> ConfirmedUserAsync(HttpContext http, OperationInvoker api, TestControlService control)
    {
        var ct = http.RequestAborted;
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct) as JsonObject
                ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Error(CognitoErrors.RequestBodyNotObject());
        }

        try
        {
            var poolId = Required(body, "UserPoolId");
            var clientId = Required(body, "ClientId");
            var username = Required(body, "Username");
            var password = body["Password"]?.GetValue<string>() ?? "Ns1!" + Guid.NewGuid().ToString("N");
            var attributes = new JsonArray();
            foreach (var (name, value) in body["Attributes"] as JsonObject ?? [])
            {
                attributes.Add((JsonNode)new JsonObject { ["Name"] = name, ["Value"] = value?.ToString() ?? string.Empty });
            }

            var created = await api.IdpAsync("AdminCreateUser", new JsonObject
            {
                ["UserPoolId"] = poolId,
                ["Username"] = username,
                ["UserAttributes"] = attributes,
                ["TemporaryPassword"] = password,
                ["MessageAction"] = "SUPPRESS",
            }, ct);
            _ = await api.IdpAsync("AdminSetUserPassword", new JsonObject
            {
                ["UserPoolId"] = poolId,
                ["Username"] = username,
                ["Password"] = password,
                ["Permanent"] = true,
            }, ct);
            var tokens = await control.IssueTokensAsync(poolId, clientId, username, ct);
            var result = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(
                new InitiateAuthResponse { AuthenticationResult = tokens }, IdentityProviderJsonContext.Default.InitiateAuthResponse))!["AuthenticationResult"]!;
            var user = created?["User"];
            return Json(new JsonObject
            {
                ["Username"] = user?["Username"]?.DeepClone(),
                ["UserSub"] = (user?["Attributes"] as JsonArray)?.FirstOrDefault(a => a?["Name"]?.GetValue<string>() == "sub")?["Value"]?.DeepClone(),
                ["Password"] = password,
                ["AuthenticationResult"] = result.DeepClone(),
            });
        }
        catch (CognitoException e)
        {
            return Error(e);
        }
    }

    private static string Required(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw CognitoErrors.TestControlMemberRequired(name);

    private static JsonObject ClockJson(ServerClock clock) => new()
    {
        ["Now"] = clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["RealNow"] = clock.Real.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["OffsetSeconds"] = (long)clock.Offset.TotalSeconds,
    };

    /// <summary>"90" (seconds), or a whole number followed by s, m, h or d; null when it is neither or not forward.</summary>
    internal static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var unit = char.ToLowerInvariant(text[^1]);
        var digits = char.IsAsciiDigit(unit) ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100L * 365 * 86400)
        {
            return null;
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ when char.IsAsciiDigit(unit) => TimeSpan.FromSeconds(n),
            _ => null,
        };
    }

    internal static JsonAnswer Json(JsonObject body) => new(200, body);

    internal static JsonAnswer Error(CognitoException e) =>
        new(e.StatusCode is >= 400 and < 600 ? e.StatusCode : 400, new JsonObject { ["__type"] = e.Type, ["message"] = e.Message });

    /// <summary>A JSON answer whose status the moto route can read.</summary>
    internal sealed class JsonAnswer(int status, JsonObject body) : IResult
    {
        public int Status { get; } = status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = Status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.Headers.CacheControl = "no-store";
            await httpContext.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8);
        }
    }
}
