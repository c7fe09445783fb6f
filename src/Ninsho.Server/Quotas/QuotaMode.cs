namespace Ninsho.Server.Quotas;

/// <summary><c>--quotas</c>: whether request rates are limited (docs/compatibility-quotas.md).</summary>
public enum QuotaMode
{
    /// <summary>No request-rate limit (the default).</summary>
    Off,

    /// <summary>Cognito's default request-rate quotas, answered with TooManyRequestsException.</summary>
    Cognito,
}
