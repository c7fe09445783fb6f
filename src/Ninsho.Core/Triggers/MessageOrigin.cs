namespace Ninsho.Core.Triggers;

/// <summary>Why a message is sent, for the custom message trigger: its <c>triggerSource</c>, the app client (null
/// for admin operations) and the caller's <c>ClientMetadata</c>.</summary>
internal sealed record MessageOrigin(string TriggerSource, string? ClientId, IReadOnlyDictionary<string, string>? ClientMetadata)
{
    public static MessageOrigin Of(string triggerSource, string? clientId, IReadOnlyDictionary<string, string>? clientMetadata) =>
        new(triggerSource, clientId, clientMetadata);
}
