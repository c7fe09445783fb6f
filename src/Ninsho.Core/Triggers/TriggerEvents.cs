using System.Text.Json.Nodes;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Triggers;

/// <summary>Builds the event every trigger receives (docs/triggers.md#the-event): the common envelope, and the
/// request members several triggers share.</summary>
public static class TriggerEvents
{
    /// <summary>callerContext.clientId of operations that have no app client, e.g. AdminCreateUser.</summary>
    public const string NoClient = "CLIENT_ID_NOT_APPLICABLE";

    /// <summary>callerContext.awsSdkVersion: the value most real events carry.</summary>
    public const string UnknownSdk = "aws-sdk-unknown-unknown";

    /// <summary>The whole event: <c>version</c>, <c>region</c> (from the pool id), <c>userPoolId</c>,
    /// <c>userName</c>, <c>callerContext</c>, <c>triggerSource</c>, <c>request</c> and the pre-filled
    /// <c>response</c>. A null <paramref name="clientId"/> becomes <see cref="NoClient"/>; a null
    /// <paramref name="userName"/> is left out.</summary>
    public static JsonObject Envelope(
        string userPoolId, string triggerSource, string? userName, string? clientId, JsonObject request, JsonObject response, string version = "1")
    {
        ArgumentNullException.ThrowIfNull(userPoolId);
        var underscore = userPoolId.IndexOf('_', StringComparison.Ordinal);
        var evt = new JsonObject
        {
            ["version"] = version,
            ["region"] = underscore > 0 ? userPoolId[..underscore] : userPoolId,
            ["userPoolId"] = userPoolId,
        };
        if (userName is not null)
        {
            evt["userName"] = userName;
        }

        evt["callerContext"] = new JsonObject { ["awsSdkVersion"] = UnknownSdk, ["clientId"] = clientId ?? NoClient };
        evt["triggerSource"] = triggerSource;
        evt["request"] = request;
        evt["response"] = response;
        return evt;
    }

    /// <summary><c>request.userAttributes</c>: a map of strings (flags such as <c>email_verified</c> are the strings
    /// <c>"true"</c>/<c>"false"</c>).</summary>
    public static JsonObject UserAttributes(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var map = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            map[name] = value;
        }

        return map;
    }

    /// <summary>A string map, or null for null.</summary>
    public static JsonObject? StringMap(IEnumerable<KeyValuePair<string, string>>? values) => values is null ? null : UserAttributes(values);

    /// <summary>Adds <c>clientMetadata</c> to <paramref name="request"/> only when the caller sent some: absent, not
    /// null, otherwise.</summary>
    public static JsonObject WithClientMetadata(this JsonObject request, IReadOnlyDictionary<string, string>? clientMetadata)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (clientMetadata is not null)
        {
            request["clientMetadata"] = StringMap(clientMetadata);
        }

        return request;
    }

    /// <summary>Sets <c>validationData</c>: the name/value pairs as a map, or JSON <c>null</c> when the caller sent
    /// none (pre sign-up always carries the member).</summary>
    public static JsonObject WithValidationData(this JsonObject request, IEnumerable<AttributeType>? validationData)
    {
        ArgumentNullException.ThrowIfNull(request);
        request["validationData"] = validationData is null
            ? null
            : StringMap(validationData.Select(a => new KeyValuePair<string, string>(a.Name, a.Value ?? string.Empty)));
        return request;
    }
}
