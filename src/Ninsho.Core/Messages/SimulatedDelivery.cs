using Ninsho.Core.Users;

namespace Ninsho.Core.Messages;

/// <summary>The CodeDeliveryDetails shown for a user that doesn't exist under PreventUserExistenceErrors ENABLED
/// (docs/cognito-behaviour.md#hiding-whether-a-user-exists): a plausible email destination derived from the name, so that answers don't reveal existence.</summary>
internal static class SimulatedDelivery
{
    public static Protocol.IdentityProvider.CodeDeliveryDetailsType For(string username) =>
        CodeDelivery.Details("email", UserAttributeRules.LooksLikeEmail(username) ? username : username + "@e");
}
