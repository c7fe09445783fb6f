using Microsoft.AspNetCore.Http.Features;
using Ninsho.Core.Features.UserImport;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Endpoints;

/// <summary>The upload side of user import jobs: <c>PUT /_ninsho/import/{pool}/{job}?expires=&amp;sig=</c> (the job's
/// PreSignedUrl; takes the CSV as the body, e.g. <c>curl --upload-file users.csv</c>; headers such as
/// <c>x-amz-server-side-encryption</c> are accepted and ignored) and <c>GET /_ninsho/import/{pool}/{job}/log</c>, the
/// per-row failures that Cognito would write to CloudWatch.</summary>
internal static class UserImportEndpoints
{
    public static void MapUserImport(this WebApplication app)
    {
        _ = app.MapPut("/_ninsho/import/{pool}/{job}", async (HttpContext http, string pool, string job, string? expires, string? sig, UserImportUploads uploads, CancellationToken ct) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = UserImportUploads.MaxCsvBytes;
            }

            using var body = new MemoryStream();
            try
            {
                await http.Request.Body.CopyToAsync(body, ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var status = await uploads.AcceptAsync(pool, job, expires, sig, body.ToArray(), ct);
            return status == StatusCodes.Status200OK ? Results.Ok() : Results.StatusCode(status);
        }).WithMetadata(new OperatorAccess.AuthorizedByHandler());

        _ = app.MapGet("/_ninsho/import/{pool}/{job}/log", async (string pool, string job, UserImportUploads uploads, CancellationToken ct) =>
            await uploads.LogAsync(pool, job, ct) is { } log ? Results.Text(log, "text/plain") : Results.NotFound());
    }
}
