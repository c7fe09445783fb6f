using Ninsho.Core.Pools;
using Ninsho.Core.Triggers;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Messages;

/// <summary>Issues a user's one-time codes (stored on the user, sent through <see cref="CodeDelivery"/>) and
/// consumes them with Cognito's errors: CodeMismatchException, ExpiredCodeException, LimitExceededException.</summary>
internal sealed class UserCodes(OneTimeCodes codes, UserUpdater updater, CodeDelivery delivery, TimeProvider clock)
{
    public Task<CodeDeliveryDetailsType> IssueAsync(
        UserPoolSettings pool, StoredUser user, string purpose, TimeSpan validity, string attribute, MessageOrigin origin, CancellationToken ct) =>
        IssueAsync(pool, user, purpose, validity, attribute, destination: null, origin, ct);

    /// <summary>Issues a code for <paramref name="attribute"/> and sends it to <paramref name="destination"/>, or to the
    /// attribute's current value when null.</summary>
    public Task<CodeDeliveryDetailsType> IssueAsync(
        UserPoolSettings pool, StoredUser user, string purpose, TimeSpan validity, string attribute, string? destination, MessageOrigin origin, CancellationToken ct) =>
        IssueAsync(pool, user, purpose, validity, attribute, destination, requested: false, origin, ct);

    /// <summary>A code the user asked for (ForgotPassword, ResendConfirmationCode, GetUserAttributeVerificationCode):
    /// counted in the same write against <see cref="CodeRequestLimit"/>; over it, LimitExceededException and nothing sent.</summary>
    public Task<CodeDeliveryDetailsType> IssueRequestedAsync(
        UserPoolSettings pool, StoredUser user, string purpose, TimeSpan validity, string attribute, string? destination, MessageOrigin origin, CancellationToken ct) =>
        IssueAsync(pool, user, purpose, validity, attribute, destination, requested: true, origin, ct);

    private async Task<CodeDeliveryDetailsType> IssueAsync(
        UserPoolSettings pool, StoredUser user, string purpose, TimeSpan validity, string attribute, string? destination, bool requested, MessageOrigin origin,
        CancellationToken ct)
    {
        var code = "";
        var updated = await updater.UpdateAsync(user, u =>
        {
            var state = UserState.Read(u);
            state = requested ? CodeRequestLimit.Count(state, purpose, clock.GetUtcNow()) : state;
            (code, state) = codes.Issue(state, purpose, validity);
            return u with { ExtraJson = state.Write() };
        }, ct);
        return await delivery.SendCodeAsync(pool, updated, attribute, destination ?? updated.Attributes[attribute], code, validity, origin, ct);
    }

    /// <summary>Checks <paramref name="code"/> and, when it is right, applies <paramref name="onValid"/> in the same
    /// write (the code is then spent). A wrong code counts an attempt and throws.</summary>
    public async Task<StoredUser> ConsumeAsync(StoredUser user, string purpose, string code, Func<StoredUser, StoredUser> onValid, CancellationToken ct)
    {
        if (!OneTimeCodes.HasPending(UserState.Read(user), purpose))
        {
            throw CognitoErrors.ExpiredCode();
        }

        var outcome = CodeCheck.Missing;
        var updated = await updater.UpdateAsync(user, u =>
        {
            (outcome, var state) = codes.Check(UserState.Read(u), purpose, code);
            var next = u with { ExtraJson = state.Write() };
            return outcome == CodeCheck.Valid ? onValid(next) : next;
        }, ct);
        return outcome switch
        {
            CodeCheck.Valid => updated,
            CodeCheck.Mismatch => throw CognitoErrors.CodeMismatch(),
            CodeCheck.TooManyAttempts => throw CognitoErrors.AttemptLimitExceeded(),
            _ => throw CognitoErrors.ExpiredCode(),
        };
    }
}
