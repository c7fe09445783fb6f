namespace Ninsho.Core.Signing;

/// <summary>The outcome of checking a request's signature.</summary>
public enum SigV4Result
{
    Valid,

    /// <summary>No Authorization header (or not AWS4-HMAC-SHA256).</summary>
    Missing,

    /// <summary>The access key is not one the server knows.</summary>
    UnknownAccessKey,

    /// <summary>The header is malformed or the signature does not match.</summary>
    BadSignature,

    /// <summary>X-Amz-Date is more than 15 minutes from the server's clock.</summary>
    Expired,
}
