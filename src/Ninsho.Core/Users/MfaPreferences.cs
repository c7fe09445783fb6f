using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>SetUserMFAPreference and AdminSetUserMFAPreference: each settings object given turns its factor on or
/// off and may make it the preferred one; settings left out keep their state. SetUserSettings is the legacy form
/// for SMS only.</summary>
internal sealed class MfaPreferences(UserUpdater updater)
{
    public Task<StoredUser> SetAsync(
        StoredUser user, SMSMfaSettingsType? sms, SoftwareTokenMfaSettingsType? totp, EmailMfaSettingsType? email, CancellationToken ct) =>
        updater.UpdateAsync(user, u =>
        {
            var state = UserState.Read(u);
            var mfa = Apply(u, state.Mfa, ChallengeNameType.SMS_MFA, sms?.Enabled, sms?.PreferredMfa);
            mfa = Apply(u, mfa, ChallengeNameType.SOFTWARE_TOKEN_MFA, totp?.Enabled, totp?.PreferredMfa);
            mfa = Apply(u, mfa, ChallengeNameType.EMAIL_OTP, email?.Enabled, email?.PreferredMfa);
            return u with { ExtraJson = (state with { Mfa = mfa }).Write() };
        }, ct);

    /// <summary>Legacy MFAOptions: SMS to phone_number turns SMS MFA on; an empty list turns it off.</summary>
    public Task<StoredUser> SetOptionsAsync(StoredUser user, IReadOnlyList<MFAOptionType> options, CancellationToken ct)
    {
        foreach (var option in options)
        {
            if (option.DeliveryMedium != DeliveryMediumType.SMS || option.AttributeName != "phone_number")
            {
                // Guessed wording: SetUserSettings only configures SMS MFA to phone_number.
                throw CognitoErrors.MfaOptionsSmsOnly();
            }
        }

        return updater.UpdateAsync(user, u =>
        {
            var on = options.Count > 0;
            List<MFAOptionType>? stored = on ? [new MFAOptionType { DeliveryMedium = DeliveryMediumType.SMS, AttributeName = "phone_number" }] : null;
            var state = UserState.Read(u);
            var mfa = Apply(u, state.Mfa, ChallengeNameType.SMS_MFA, on, null) with { MfaOptions = stored };
            return u with { ExtraJson = (state with { Mfa = mfa }).Write() };
        }, ct);
    }

    private static UserMfaState Apply(StoredUser user, UserMfaState state, string factor, bool? enabled, bool? preferred)
    {
        if (enabled is null && preferred is null)
        {
            return state;
        }

        var on = enabled ?? Enabled(state, factor);
        if (on && !state.CanReceive(user, factor))
        {
            // Observed for SOFTWARE_TOKEN_MFA (aws/aws-sdk-js-v3#4645); the same wording is assumed for the others.
            throw CognitoErrors.NoDeliveryForFactor(factor);
        }

        state = factor switch
        {
            ChallengeNameType.SMS_MFA => state with { SmsEnabled = on, MfaOptions = on ? state.MfaOptions : null },
            ChallengeNameType.SOFTWARE_TOKEN_MFA => state with { TotpEnabled = on },
            _ => state with { EmailEnabled = on },
        };
        if (on && preferred == true)
        {
            return state with { Preferred = factor };
        }

        return state.Preferred == factor && (!on || preferred == false) ? state with { Preferred = null } : state;
    }

    private static bool Enabled(UserMfaState state, string factor) => state.EnabledFactors().Contains(factor);

}
