using Ninsho.Core;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;

using Xunit;

namespace Ninsho.UnitTests.Features;

public sealed class HandlerRegistrationTests
{
    /// <summary>The server registers handlers from a hand-written list (OperationHandlers, no assembly scan, so
    /// that Native AOT keeps them); this scan of Ninsho.Core makes sure no handler is left out of it.</summary>
    [Fact]
    public void The_handler_list_holds_every_handler_class_of_Ninsho_Core()
    {
        var scanned = (
            from type in typeof(NinshoCoreServiceCollectionExtensions).Assembly.GetTypes()
            where type is { IsClass: true, IsAbstract: false }
            from service in type.GetInterfaces()
            where service.IsGenericType && service.GetGenericTypeDefinition() == typeof(IOperationHandler<,>)
            select (service, type)).ToHashSet();
        var registered = NinshoCoreServiceCollectionExtensions.HandlerTypes().ToHashSet();

        var missing = scanned.Except(registered).Select(static h => $"Add(services, typeof({h.Item2.FullName!.Replace("Ninsho.Core.", "", StringComparison.Ordinal)}));");
        Assert.True(scanned.SetEquals(registered), "src/Ninsho.Core/OperationHandlers.cs lacks:\n" + string.Join("\n", missing));
        Assert.NotEmpty(scanned);
    }

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
