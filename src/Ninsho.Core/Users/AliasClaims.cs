using Ninsho.Core.Pools;
using Ninsho.Protocol.Errors;
using Ninsho.Storage;

namespace Ninsho.Core.Users;

/// <summary>
/// An email or phone alias (AliasAttributes) belongs to one user: the one who holds it verified. Confirmation
/// (ConfirmSignUp, VerifyUserAttribute) of a value another user holds fails with AliasExistsException
/// (docs/cognito-behaviour.md#email-or-phone-as-username-and-aliases, #error-messages), unless ConfirmSignUp's ForceAliasCreation moves the alias to the new user.
/// </summary>
internal sealed class AliasClaims(UserDirectory directory, UserUpdater updater)
{
    /// <summary>Throws AliasExistsException when another user holds <paramref name="value"/> as a verified alias.</summary>
    public async Task ThrowIfTakenAsync(UserPoolSettings pool, StoredUser user, string attribute, string? value, CancellationToken ct)
    {
        if (await HolderAsync(pool, user, attribute, value, ct) is not null)
        {
            throw CognitoErrors.AliasHeldByAnother(attribute);
        }
    }

    /// <summary>Takes the alias from any other user who holds it (their attribute becomes unverified).</summary>
    public async Task TakeAsync(UserPoolSettings pool, StoredUser user, string attribute, string? value, CancellationToken ct)
    {
        if (await HolderAsync(pool, user, attribute, value, ct) is { } holder)
        {
            _ = await updater.UpdateAsync(holder, u => u with
            {
                Attributes = new Dictionary<string, string>(u.Attributes, StringComparer.Ordinal) { [attribute + "_verified"] = "false" },
            }, ct);
        }
    }

    private async Task<StoredUser?> HolderAsync(UserPoolSettings pool, StoredUser user, string attribute, string? value, CancellationToken ct) =>
        value is { Length: > 0 } && pool.AliasAttributes.Contains(attribute)
            ? await directory.FindHolderAsync(pool, attribute, value, user.UsernameKey, ct)
            : null;
}
