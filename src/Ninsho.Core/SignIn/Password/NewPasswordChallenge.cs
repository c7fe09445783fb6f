using System.Text.Json;
using Ninsho.Core.Features.UserPoolClients;
using Ninsho.Core.Features.UserPools;
using Ninsho.Core.Features.Users;
using Ninsho.Core.Serialization;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.SignIn;

/// <summary>NEW_PASSWORD_REQUIRED (docs/cognito-behaviour.md#new-password-challenge): issued to FORCE_CHANGE_PASSWORD users, answered with
/// NEW_PASSWORD and any missing required attributes as <c>userAttributes.&lt;name&gt;</c>.</summary>
internal sealed class NewPasswordChallenge(
    AuthSessions sessions, UserDirectory directory, UserUpdater updater, UserPasswords passwords, MfaChallenges mfa)
{
    private const string AttributePrefix = "userAttributes.";

    public async Task<AuthOutcome> IssueAsync(UserPoolSettings pool, UserPoolClientType client, StoredUser user)
    {
        var missing = UserAttributeRules.MissingRequired(pool, user.Attributes).ToList();
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in user.Attributes)
        {
            if (name != "sub")
            {
                shown[name] = value;
            }
        }

        foreach (var name in missing)
        {
            shown[name] = string.Empty;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["USER_ID_FOR_SRP"] = user.Username,
            ["requiredAttributes"] = JsonSerializer.Serialize(missing.Select(m => AttributePrefix + m).ToList(), CoreJsonContext.Default.ListString),
            ["userAttributes"] = JsonSerializer.Serialize(shown, CoreJsonContext.Default.DictionaryStringString),
        };
        var session = await sessions.IssueAsync(
            new ChallengeSession(pool.Id, client.ClientId!, user.UsernameKey, ChallengeNameType.NEW_PASSWORD_REQUIRED),
            UserPoolClientRules.AuthSessionLifetime(client));
        return new AuthOutcome(ChallengeNameType.NEW_PASSWORD_REQUIRED, parameters, session, null);
    }

    public async Task<AuthOutcome> RespondAsync(
        UserPoolSettings pool, UserPoolClientType client, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var opened = await sessions.OpenAsync(session, client.ClientId!, ChallengeNameType.NEW_PASSWORD_REQUIRED);
        if (opened.UserPoolId != pool.Id)
        {
            throw CognitoErrors.SessionExpired();
        }

        var username = responses.GetValueOrDefault("USERNAME");
        if (string.IsNullOrEmpty(username))
        {
            throw CognitoErrors.MissingAuthParameter("USERNAME");
        }

        var user = await directory.FindAsync(pool, username, ct);
        if (user is null || user.UsernameKey != opened.UsernameKey || user.Status != UserStatusType.FORCE_CHANGE_PASSWORD)
        {
            throw CognitoErrors.SessionExpired();
        }

        SecretHashRules.Check(client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        var password = responses.GetValueOrDefault("NEW_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            throw CognitoErrors.MissingAuthParameter("NEW_PASSWORD");
        }

        var changes = responses
            .Where(p => p.Key.StartsWith(AttributePrefix, StringComparison.Ordinal))
            .Select(p => new AttributeType { Name = p.Key[AttributePrefix.Length..], Value = p.Value })
            .ToList();
        changes = UserAttributeRules.CheckWritable(pool, changes, AttributeWrite.Challenge);
        UserAttributeRules.CheckClientWritable(client, changes);
        var attributes = AdminUpdateUserAttributesHandler.Apply(user.Attributes, changes);
        UserAttributeRules.CheckRequired(pool, attributes, AttributeWrite.Challenge);

        PasswordRules.Check(pool, password);
        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        var prepared = await passwords.PrepareAsync(pool, user.Username, password, ct);
        user = await updater.UpdateAsync(user, u => prepared.ApplyTo(u) with
        {
            Attributes = attributes,
            Status = UserStatusType.CONFIRMED,
        }, ct);
        return await mfa.AfterFirstFactorAsync(pool, client, user, ct);
    }
}
