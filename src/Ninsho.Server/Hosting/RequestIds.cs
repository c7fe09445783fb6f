using Ninsho.Core.Security;

namespace Ninsho.Server.Hosting;

/// <summary>Every response carries <c>x-amzn-RequestId</c>, as Cognito's do: the JSON API, the hosted UI, OAuth and
/// the operator routes alike. The id is also the request's <see cref="HttpContext.TraceIdentifier"/>, so log lines
/// of the request name it (docs/operations.md).</summary>
internal static class RequestIds
{
    public const string Header = "x-amzn-RequestId";

    public static void UseRequestIds(this WebApplication app) => app.Use((http, next) =>
    {
        var id = IdentifierRandom.NewUuidV4().ToString();
        http.TraceIdentifier = id;
        http.Response.Headers[Header] = id;
        return next(http);
    });

    /// <summary>The id <see cref="UseRequestIds"/> gave this request, or a new one where it did not run.</summary>
    public static string Of(HttpContext http) =>
        http.Response.Headers[Header] is { Count: > 0 } id ? id.ToString() : IdentifierRandom.NewUuidV4().ToString();
}
