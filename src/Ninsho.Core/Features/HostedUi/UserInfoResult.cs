namespace Ninsho.Core.Features.HostedUi;

/// <summary>The userInfo answer: the claims (status 200) or an OAuth bearer error (RFC 6750 §3.1) with its status.</summary>
public sealed record UserInfoResult
{
    public int Status { get; init; } = 200;

    public IReadOnlyList<KeyValuePair<string, string>> Claims { get; init; } = [];

    public string? Error { get; init; }

    public string? ErrorDescription { get; init; }

    internal static UserInfoResult Fail(int status, string error, string description) =>
        new() { Status = status, Error = error, ErrorDescription = description };
}
