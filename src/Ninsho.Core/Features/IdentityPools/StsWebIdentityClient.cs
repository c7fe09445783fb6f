using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Identity;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>One STS call, AssumeRoleWithWebIdentity, as Cognito's enhanced flow makes it (docs/compatibility-sts.md):
/// an unsigned Query API POST (<c>Action</c>, <c>Version=2011-06-15</c>, <c>RoleArn</c>,
/// <c>RoleSessionName=CognitoIdentityCredentials</c>, <c>WebIdentityToken</c>) whose XML answer carries the
/// credentials. STS refusing the role gives InvalidIdentityPoolConfigurationException, as Cognito answers; STS
/// throttling gives TooManyRequestsException; STS not answering within <see cref="DefaultTimeout"/>, a 5xx or an
/// unreadable answer gives ExternalServiceException. The token is never logged.</summary>
internal sealed partial class StsWebIdentityClient : IDisposable
{
    /// <summary>The session name in the assumed-role ARN (<c>…:assumed-role/&lt;role&gt;/CognitoIdentityCredentials</c>).</summary>
    public const string RoleSessionName = "CognitoIdentityCredentials";

    /// <summary>The most one call may take, connection included: a client waits no longer than this for an answer.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private const int MaxAnswerBytes = 64 * 1024;
    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxAnswerBytes,
    };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly ILogger _logger;

    public StsWebIdentityClient(Uri endpoint, ILogger<StsWebIdentityClient> logger)
        : this(endpoint, logger, new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = DefaultTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }, DefaultTimeout)
    {
    }

    /// <summary>For tests: another handler (a fake STS) and timeout.</summary>
    internal StsWebIdentityClient(Uri endpoint, ILogger logger, HttpMessageHandler handler, TimeSpan timeout)
    {
        _endpoint = endpoint;
        _logger = logger;
        _http = new HttpClient(handler) { Timeout = timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
    }

    /// <summary>STS's credentials for <paramref name="roleArn"/> against <paramref name="webIdentityToken"/>;
    /// <paramref name="identityId"/> only names the identity in the log when STS fails.</summary>
    public async Task<Credentials> AssumeRoleAsync(string roleArn, string webIdentityToken, string identityId, CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent(
        [
            new("Action", "AssumeRoleWithWebIdentity"),
            new("Version", "2011-06-15"),
            new("RoleArn", roleArn),
            new("RoleSessionName", RoleSessionName),
            new("WebIdentityToken", webIdentityToken),
        ]);
        HttpResponseMessage answer;
        string body;
        try
        {
            answer = await _http.PostAsync(_endpoint, form, ct);
            body = await answer.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            LogUnreachable(_logger, _endpoint, roleArn, identityId, e.Message);
            throw CognitoErrors.StsUnavailable();
        }

        using (answer)
        {
            var status = (int)answer.StatusCode;
            var xml = Parse(body);
            if (status == 200 && ReadCredentials(xml) is { } credentials)
            {
                return credentials;
            }

            var error = xml?.Descendants().FirstOrDefault(d => d.Name.LocalName == "Error");
            var code = Child(error, "Code");
            if (status is >= 400 and < 500 && code is not null)
            {
                LogRefused(_logger, _endpoint, roleArn, identityId, code, Child(error, "Message") ?? string.Empty);
                throw code is "Throttling" or "ThrottlingException" or "RequestLimitExceeded"
                    ? CognitoErrors.TooManyRequests()
                    : CognitoErrors.StsRefusedRole();
            }

            LogUnreadable(_logger, _endpoint, roleArn, identityId, status, code ?? "(no error code)");
            throw CognitoErrors.StsUnavailable();
        }
    }

    public void Dispose() => _http.Dispose();

    private static XDocument? Parse(string body)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), SafeXml);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The <c>AssumeRoleWithWebIdentityResult/Credentials</c> of an answer, or null when one is missing.
    /// The expiration is cut to whole seconds, as Cognito's epoch-seconds field carries it.</summary>
    private static Credentials? ReadCredentials(XDocument? xml)
    {
        var result = xml?.Descendants().FirstOrDefault(d => d.Name.LocalName == "AssumeRoleWithWebIdentityResult");
        var credentials = result?.Elements().FirstOrDefault(e => e.Name.LocalName == "Credentials");
        var (key, secret, session, expiration) =
            (Child(credentials, "AccessKeyId"), Child(credentials, "SecretAccessKey"), Child(credentials, "SessionToken"), Child(credentials, "Expiration"));
        if (key is not { Length: > 0 } || secret is not { Length: > 0 } || session is not { Length: > 0 }
            || !DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expires))
        {
            return null;
        }

        return new Credentials
        {
            AccessKeyId = key,
            SecretKey = secret,
            SessionToken = session,
            Expiration = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()),
        };
    }

    private static string? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning,
        Message = "STS at {Endpoint} did not answer AssumeRoleWithWebIdentity for role {RoleArn} (identity {IdentityId}): {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri endpoint, string roleArn, string identityId, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning,
        Message = "STS at {Endpoint} refused AssumeRoleWithWebIdentity for role {RoleArn} (identity {IdentityId}): {Code}: {StsMessage}")]
    private static partial void LogRefused(ILogger logger, Uri endpoint, string roleArn, string identityId, string code, string stsMessage);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning,
        Message = "STS at {Endpoint} gave an unreadable answer to AssumeRoleWithWebIdentity for role {RoleArn} (identity {IdentityId}): HTTP {Status}, {Code}")]
    private static partial void LogUnreadable(ILogger logger, Uri endpoint, string roleArn, string identityId, int status, string code);
}
