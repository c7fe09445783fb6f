using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Domains;

/// <summary>How a stored domain appears in DescribeUserPoolDomain.</summary>
internal static class DomainViews
{
    /// <summary>Managed login version when CreateUserPoolDomain names none: 1, the classic hosted UI.</summary>
    public const int DefaultManagedLoginVersion = 1;

    public static DomainDescriptionType ToDescription(StoredUserPoolDomain domain, string accountId) => new()
    {
        UserPoolId = domain.UserPoolId,
        AWSAccountId = accountId,
        Domain = domain.Domain,
        CloudFrontDistribution = domain.IsCustom ? CloudFrontDomain(domain.Domain) : null,
        Status = DomainStatusType.ACTIVE,
        CustomDomainConfig = domain.CertificateArn is { } arn ? new CustomDomainConfigType { CertificateArn = arn } : null,
        ManagedLoginVersion = domain.ManagedLoginVersion ?? DefaultManagedLoginVersion,
    };

    /// <summary>The CloudFront name a custom domain's DNS would point at. Ninsho has no CloudFront: the value only
    /// has the right shape, derived from the domain so it is stable.</summary>
    public static string CloudFrontDomain(string domain)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(domain));
        return "d" + Convert.ToHexStringLower(hash.AsSpan(0, 7)) + ".cloudfront.net";
    }
}
