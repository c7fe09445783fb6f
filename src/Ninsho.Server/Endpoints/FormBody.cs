using Microsoft.AspNetCore.Http.Features;

namespace Ninsho.Server.Endpoints;

/// <summary>The form of a hosted-UI or OAuth request (<c>/login</c>, <c>/oauth2/token</c>, <c>/oauth2/revoke</c>),
/// read under the same body limit as the JSON API (<see cref="Hosting.NinshoServerOptions.MaxRequestBodyBytes"/>)
/// rather than Kestrel's server-wide cap. A body announced larger is refused before a byte of it is read; a
/// chunked one as soon as it passes the limit. Either way the connection is closed, not drained.</summary>
internal static class FormBody
{
    /// <summary>The outcome of reading a form: the form, or the status to answer (413 too large, 400 not a form
    /// Kestrel or the form reader could parse, such as more than 1,024 fields).</summary>
    public readonly record struct Read(IFormCollection? Form, int Status);

    public static async Task<Read> ReadAsync(HttpContext http, long limit, CancellationToken ct)
    {
        var request = http.Request;
        if (request.ContentLength > limit)
        {
            return Refuse(http, StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        try
        {
            return new Read(await request.ReadFormAsync(ct), StatusCodes.Status200OK);
        }
        catch (BadHttpRequestException e)
        {
            return Refuse(http, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? e.StatusCode : StatusCodes.Status400BadRequest);
        }
        catch (InvalidDataException)
        {
            return new Read(null, StatusCodes.Status400BadRequest);
        }
    }

    private static Read Refuse(HttpContext http, int status)
    {
        // The rest of the body is not read: the connection cannot carry another request.
        http.Response.Headers.Connection = "close";
        return new Read(null, status);
    }
}
