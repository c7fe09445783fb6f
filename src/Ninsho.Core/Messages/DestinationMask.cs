namespace Ninsho.Core.Messages;

/// <summary>How CodeDeliveryDetails show a destination (docs/cognito-behaviour.md#codes-sign-up-and-password-reset): <c>a***@e***</c>, <c>+********4114</c>.</summary>
internal static class DestinationMask
{
    public static string Email(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 || at == address.Length - 1
            ? "***"
            : string.Concat(address.AsSpan(0, 1), "***@", address.AsSpan(at + 1, 1), "***");
    }

    public static string Phone(string number) =>
        number.Length <= 5 ? number : "+" + new string('*', number.Length - 5) + number[^4..];
}
