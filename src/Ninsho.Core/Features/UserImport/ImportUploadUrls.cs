using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>The job's PreSignedUrl: <c>PUT {public url}/_ninsho/import/{pool}/{job}?expires=&amp;sig=</c>, where sig is
/// an HMAC-SHA256 (key shared by every node, in the secret store) of pool, job and expiry. Unguessable, and refused
/// after <see cref="Lifetime"/> from the job's creation.</summary>
internal sealed class ImportUploadUrls(INinshoStorage storage, IIssuerUrls urls)
{
    public const string PathPrefix = "/_ninsho/import/";

    /// <summary>How long the URL accepts uploads (S3 presigned URLs that Cognito hands out last 15 minutes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string SecretName = "user-import-upload-key";
    private byte[]? _key;

    public async Task<string> ForAsync(StoredUserImportJob job, CancellationToken ct)
    {
        var expires = (job.CreatedAt + Lifetime).ToUnixTimeSeconds();
        var sig = await SignAsync(job.UserPoolId, job.JobId, expires, ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"{urls.PublicBaseUrl}{PathPrefix}{Uri.EscapeDataString(job.UserPoolId)}/{job.JobId}?expires={expires}&sig={sig}");
    }

    /// <summary>True when <paramref name="sig"/> is this server's signature of the URL and it has not expired.</summary>
    public async Task<bool> VerifyAsync(string userPoolId, string jobId, string? expires, string? sig, DateTimeOffset now, CancellationToken ct)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || sig is null
            || now.ToUnixTimeSeconds() > expiresAt)
        {
            return false;
        }

        var expected = await SignAsync(userPoolId, jobId, expiresAt, ct);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sig));
    }

    private async Task<string> SignAsync(string userPoolId, string jobId, long expires, CancellationToken ct)
    {
        _key ??= await storage.Secrets.GetOrAddAsync(SecretName, RandomNumberGenerator.GetBytes(32), ct);
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{userPoolId}\n{jobId}\n{expires}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, message));
    }
}
