using System.Diagnostics.CodeAnalysis;

namespace Ninsho.Core.Tokens;

/// <summary>Either the claims of a valid access token or the reason it was rejected.</summary>
internal sealed record AccessTokenValidationResult
{
    private AccessTokenValidationResult(AccessTokenClaims? claims, AccessTokenFailure failure)
    {
        Claims = claims;
        Failure = failure;
    }

    [MemberNotNullWhen(true, nameof(Claims))]
    public bool IsValid => Claims is not null;

    public AccessTokenClaims? Claims { get; }

    /// <summary><see cref="AccessTokenFailure.None"/> when valid.</summary>
    public AccessTokenFailure Failure { get; }

    public static AccessTokenValidationResult Valid(AccessTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return new(claims, AccessTokenFailure.None);
    }

    public static AccessTokenValidationResult Invalid(AccessTokenFailure failure)
    {
        if (failure == AccessTokenFailure.None)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), failure, "A rejection needs a reason.");
        }

        return new(null, failure);
    }
}
