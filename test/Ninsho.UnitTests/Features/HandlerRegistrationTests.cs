using Ninsho.Core;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

using Xunit;

namespace Ninsho.UnitTests.Features;

public sealed class HandlerRegistrationTests
{
    [Fact]
    public void Every_handler_serves_an_operation_of_the_table()
    {
        var handled = NinshoCoreServiceCollectionExtensions.HandlerTypes().Select(h => h.Service).ToHashSet();
        var table = IdentityProviderOperations.ByTarget.Values.Concat(IdentityOperations.ByTarget.Values).Select(o => o.HandlerType).ToHashSet();

        Assert.NotEmpty(handled);
        Assert.All(handled, service => Assert.Contains(service, table));
    }

    [Fact]
    public void Each_operation_has_at_most_one_handler()
    {
        var services = NinshoCoreServiceCollectionExtensions.HandlerTypes().Select(h => h.Service).ToList();

        Assert.Equal(services.Count, services.Distinct().Count());
    }

    [Theory]
    [InlineData("CreateUserPool")]
    [InlineData("AdminCreateUser")]
    [InlineData("AdminSetUserPassword")]
    [InlineData("ListUsers")]
    [InlineData("InitiateAuth")]
    [InlineData("AdminRespondToAuthChallenge")]
    [InlineData("RevokeToken")]
    public void Issue_2_operations_are_implemented(string operation)
    {
        var descriptor = IdentityProviderOperations.ByTarget["AWSCognitoIdentityProviderService." + operation];

        Assert.Contains(NinshoCoreServiceCollectionExtensions.HandlerTypes(), h => h.Service == descriptor.HandlerType);
    }
}
