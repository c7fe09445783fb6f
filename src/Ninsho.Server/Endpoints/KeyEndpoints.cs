using System.Globalization;
using System.Text.Json.Nodes;
using Ninsho.Core.Security;

namespace Ninsho.Server.Endpoints;

/// <summary>The key-rotation operator routes (docs/operations.md#key-rotation), behind <see cref="Hosting.OperatorAccess"/>
/// like every <c>/_ninsho/</c> route, and the JSON that they and <c>ninsho keys …</c> print:
/// <c>GET /_ninsho/keys?pool=</c>, <c>POST /_ninsho/keys/rotate?pool=&amp;grace=</c>, <c>POST /_ninsho/keys/retire?pool=</c>,
/// <c>POST /_ninsho/keys/rotate-sealing</c>, <c>POST /_ninsho/keys/reseal</c>, <c>POST /_ninsho/keys/retire-sealing</c>.</summary>
internal static class KeyEndpoints
{
    /// <summary>The grace of a signing-key rotation when none is given: Cognito's longest ID and access token life.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(24);

    public static void MapKeys(this WebApplication app)
    {
        app.MapGet("/_ninsho/keys", async (string? pool, IKeyRotation keys, CancellationToken ct) =>
            Answer(await ListAsync(keys, pool ?? string.Empty, ct)));
        app.MapPost("/_ninsho/keys/rotate", async (string? pool, string? grace, IKeyRotation keys, CancellationToken ct) =>
            Answer(await RotateAsync(keys, pool ?? string.Empty, grace, ct)));
        app.MapPost("/_ninsho/keys/retire", async (string? pool, IKeyRotation keys, CancellationToken ct) =>
            Answer(await RetireAsync(keys, pool ?? string.Empty, ct)));
        app.MapPost("/_ninsho/keys/rotate-sealing", async (IKeyRotation keys, CancellationToken ct) =>
            Answer(await RotateSealingAsync(keys, ct)));
        app.MapPost("/_ninsho/keys/reseal", async (IKeyRotation keys, CancellationToken ct) =>
            Answer(await ResealAsync(keys, ct)));
        app.MapPost("/_ninsho/keys/retire-sealing", async (IKeyRotation keys, CancellationToken ct) =>
            Answer(await RetireSealingAsync(keys, ct)));
    }

    /// <summary>An HTTP status (200, 400 bad input, 404 no such pool, 409 a rotated-in key not active yet) and the JSON.</summary>
    public readonly record struct KeyAnswer(int Status, JsonObject Body);

    public static async Task<KeyAnswer> ListAsync(IKeyRotation keys, string pool, CancellationToken ct)
    {
        if (await keys.ListSigningKeysAsync(pool, ct) is not { } list)
        {
            return NoPool(pool);
        }

        var array = new JsonArray();
        foreach (var key in list)
        {
            array.Add((JsonNode)new JsonObject
            {
                ["kid"] = key.KeyId,
                ["use"] = key.Use,
                ["createdAt"] = Time(key.CreatedAt),
                ["activeAt"] = Time(key.ActiveAt ?? key.CreatedAt),
                ["retireAt"] = key.RetireAt is { } retire ? Time(retire) : null,
            });
        }

        return new KeyAnswer(200, new JsonObject { ["pool"] = pool, ["keys"] = array });
    }

    public static async Task<KeyAnswer> RotateAsync(IKeyRotation keys, string pool, string? grace, CancellationToken ct)
    {
        if (!TryParseDuration(grace, out var span))
        {
            return new KeyAnswer(400, Error("InvalidParameter", $"grace '{grace}' is not a duration such as 24h, 90m, 30s or 2d."));
        }

        if (await keys.RotateSigningKeysAsync(pool, span, ct) is not { } rotation)
        {
            return NoPool(pool);
        }

        return new KeyAnswer(200, new JsonObject
        {
            ["pool"] = pool,
            ["kids"] = new JsonArray([.. rotation.KeyIds.Select(k => (JsonNode?)k)]),
            ["activeAt"] = Time(rotation.ActiveAt),
            ["retireAt"] = Time(rotation.RetireAt),
        });
    }

    public static async Task<KeyAnswer> RetireAsync(IKeyRotation keys, string pool, CancellationToken ct) =>
        await keys.RetireSigningKeysAsync(pool, ct) is { } retired ? Retirement(retired, pool) : NoPool(pool);

    public static async Task<KeyAnswer> RotateSealingAsync(IKeyRotation keys, CancellationToken ct)
    {
        var rotation = await keys.RotateSealingKeysAsync(ct);
        var generations = new JsonObject();
        foreach (var (name, id) in rotation.Generations)
        {
            generations[name] = id;
        }

        return new KeyAnswer(200, new JsonObject { ["generations"] = generations, ["activeAt"] = Time(rotation.ActiveAt) });
    }

    public static async Task<KeyAnswer> ResealAsync(IKeyRotation keys, CancellationToken ct)
    {
        var report = await keys.ResealAsync(ct);
        return report.PendingUntil is { } pending
            ? Pending(pending)
            : new KeyAnswer(200, new JsonObject { ["clientsResealed"] = report.ClientSecrets, ["signingCertificatesResealed"] = report.SigningCertificates });
    }

    public static async Task<KeyAnswer> RetireSealingAsync(IKeyRotation keys, CancellationToken ct) =>
        Retirement(await keys.RetireSealingKeysAsync(ct), pool: null);

    /// <summary><c>24h</c>, <c>90m</c>, <c>30s</c>, <c>2d</c>, a number of seconds, or <c>hh:mm:ss</c>; empty means
    /// <see cref="DefaultGrace"/>.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = DefaultGrace;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        var unit = text[^1];
        var scale = unit switch { 'd' => 86400, 'h' => 3600, 'm' => 60, 's' => 1, _ => 0 };
        var number = scale == 0 ? text : text[..^1];
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= 3650 * 86400.0)
        {
            duration = TimeSpan.FromSeconds(value * (scale == 0 ? 1 : scale));
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    private static KeyAnswer Retirement(KeyRetirement retired, string? pool)
    {
        if (retired.PendingUntil is { } pending)
        {
            return Pending(pending);
        }

        var body = new JsonObject { ["retired"] = new JsonArray([.. retired.Retired.Select(r => (JsonNode?)r)]) };
        if (pool is not null)
        {
            body["pool"] = pool;
        }

        return new KeyAnswer(200, body);
    }

    private static KeyAnswer Pending(DateTimeOffset until) =>
        new(409, Error("KeyNotActiveYet", $"The newest key starts to be used at {Time(until)}; retire or reseal after that.", until));

    private static KeyAnswer NoPool(string pool) => new(404, Error("ResourceNotFoundException", $"User pool {pool} does not exist."));

    private static JsonObject Error(string error, string message, DateTimeOffset? activeAt = null)
    {
        var body = new JsonObject { ["error"] = error, ["message"] = message };
        if (activeAt is { } at)
        {
            body["activeAt"] = Time(at);
        }

        return body;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static IResult Answer(KeyAnswer answer) =>
        Results.Text(answer.Body.ToJsonString(), "application/json", statusCode: answer.Status);
}
