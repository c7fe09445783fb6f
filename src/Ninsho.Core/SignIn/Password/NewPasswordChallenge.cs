using System.Text.Json;
using Ninsho.Core.Pools;
using Ninsho.Core.Serialization;
using Ninsho.Core.Triggers;
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

    public async Task<AuthOutcome> IssueAsync(SignInContext signIn, StoredUser user)
    {
        var missing = UserAttributeRules.MissingRequired(signIn.Pool, user.Attributes).ToList();
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
            new ChallengeSession(signIn.Pool.Id, signIn.Client.ClientId!, user.UsernameKey, ChallengeNameType.NEW_PASSWORD_REQUIRED),
            UserPoolClientRules.AuthSessionLifetime(signIn.Client));
        return new AuthOutcome(ChallengeNameType.NEW_PASSWORD_REQUIRED, parameters, session, null);
    }

    public async Task<AuthOutcome> RespondAsync(
        SignInContext signIn, string? session, IReadOnlyDictionary<string, string> responses, CancellationToken ct)
    {
        var opened = await sessions.OpenAsync(session, signIn.Client.ClientId!, ChallengeNameType.NEW_PASSWORD_REQUIRED);
        if (opened.UserPoolId != signIn.Pool.Id)
        {
            throw CognitoErrors.SessionExpired();
        }

        var username = responses.GetValueOrDefault("USERNAME");
        if (string.IsNullOrEmpty(username))
        {
            throw CognitoErrors.MissingAuthParameter("USERNAME");
        }

        var user = await directory.FindAsync(signIn.Pool, username, ct);
        if (user is null || user.UsernameKey != opened.UsernameKey || user.Status != UserStatusType.FORCE_CHANGE_PASSWORD)
        {
            throw CognitoErrors.SessionExpired();
        }

        SecretHashRules.Check(signIn.Client, responses.GetValueOrDefault("SECRET_HASH"), username, user.Username);
        var password = responses.GetValueOrDefault("NEW_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            throw CognitoErrors.MissingAuthParameter("NEW_PASSWORD");
        }

        var changes = responses
            .Where(p => p.Key.StartsWith(AttributePrefix, StringComparison.Ordinal))
            .Select(p => new AttributeType { Name = p.Key[AttributePrefix.Length..], Value = p.Value })
            .ToList();
        changes = UserAttributeRules.CheckWritable(signIn.Pool, changes, AttributeWrite.Challenge);
        UserAttributeRules.CheckClientWritable(signIn.Client, changes);
        var attributes = UserAttributeChanges.Apply(user.Attributes, changes);
        UserAttributeRules.CheckRequired(signIn.Pool, attributes, AttributeWrite.Challenge);

        PasswordRules.Check(signIn.Pool, password);
        if (!user.Enabled)
        {
            throw CognitoErrors.UserDisabled();
        }

        var prepared = await passwords.PrepareAsync(signIn.Pool, user.Username, password, ct);
        user = await updater.UpdateAsync(user, u => prepared.ApplyTo(u) with
        {
            Attributes = attributes,
            Status = UserStatusType.CONFIRMED,
        }, ct);
        return await mfa.AfterFirstFactorAsync(signIn with { TokenSource = PreTokenGeneration.NewPasswordChallenge }, user, ct);
    }
}
