using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

using Xunit;

namespace Ninsho.UnitTests.Protocol;

public sealed class OperationTableTests
{
    [Fact]
    public void Has_every_operation_of_both_models()
    {
        Assert.Equal(122, IdentityProviderOperations.ByTarget.Count);
        Assert.Equal(23, IdentityOperations.ByTarget.Count);
        Assert.True(IdentityProviderOperations.ByTarget.ContainsKey("AWSCognitoIdentityProviderService.AdminCreateUser"));
        Assert.True(IdentityOperations.ByTarget.ContainsKey("AWSCognitoIdentityService.GetId"));
    }

    [Theory]
    [InlineData("InitiateAuth", true)]
    [InlineData("RespondToAuthChallenge", true)]
    [InlineData("GetUser", true)]
    [InlineData("AdminInitiateAuth", false)]
    [InlineData("ListUsers", false)]
    public void Marks_public_operations_from_the_model_authtype(string operation, bool isPublic)
    {
        Assert.Equal(isPublic, IdentityProviderOperations.ByTarget["AWSCognitoIdentityProviderService." + operation].IsPublic);
    }

    [Fact]
    public void Model_has_32_public_identity_provider_operations()
    {
        Assert.Equal(32, IdentityProviderOperations.ByTarget.Values.Count(o => o.IsPublic));
    }
}
