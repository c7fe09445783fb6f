using Ninsho.Core;
using Ninsho.Protocol.IdentityProvider;

using Xunit;

namespace Ninsho.UnitTests.Features.Mfa;

public sealed class MfaHandlerRegistrationTests
{
    [Theory]
    [InlineData("SetUserPoolMfaConfig")]
    [InlineData("GetUserPoolMfaConfig")]
    [InlineData("AssociateSoftwareToken")]
    [InlineData("VerifySoftwareToken")]
    [InlineData("SetUserMFAPreference")]
    [InlineData("AdminSetUserMFAPreference")]
    [InlineData("SetUserSettings")]
    [InlineData("AdminSetUserSettings")]
    [InlineData("GetUserAuthFactors")]
    public void Issue_3_MFA_operations_are_implemented(string operation)
    {
        var descriptor = IdentityProviderOperations.ByTarget["AWSCognitoIdentityProviderService." + operation];

        Assert.Contains(NinshoCoreServiceCollectionExtensions.HandlerTypes(), h => h.Service == descriptor.HandlerType);
    }
}
