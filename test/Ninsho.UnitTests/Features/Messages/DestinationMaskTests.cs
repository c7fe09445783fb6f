
using Ninsho.Core.Messages;
using Xunit;

namespace Ninsho.UnitTests.Features.Messages;

public sealed class DestinationMaskTests
{
    [Theory]
    [InlineData("foo@example.com", "f***@e***")]
    [InlineData("a@b", "a***@b***")]
    public void Masks_email_as_Cognito_does(string address, string expected) =>
        Assert.Equal(expected, DestinationMask.Email(address));

    [Fact]
    public void Masks_all_but_the_last_four_digits_of_a_phone() =>
        Assert.Equal("+********4114", DestinationMask.Phone("+819012344114"));
}
