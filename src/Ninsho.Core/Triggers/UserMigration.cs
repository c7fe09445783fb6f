using System.Text.Json;
using System.Text.Json.Nodes;
using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Triggers;

/// <summary>The migrate user trigger (docs/triggers.md#usermigration): when a password sign-in or ForgotPassword
/// names a user the pool does not know, the function may hand over that user from another directory. The user is
/// then created here, with the sign-in's password, and the operation goes on as for any user.</summary>
internal sealed class UserMigration(
    LambdaTriggers triggers, INinshoStorage storage, UserDirectory directory, UserUpdater updater, UserPasswords passwords,
    IdGenerator ids, TimeProvider clock)
{
    public const string AuthenticationSource = "UserMigration_Authentication";
    public const string ForgotPasswordSource = "UserMigration_ForgotPassword";

    /// <summary>An unknown user signs in with a password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, the hosted
    /// UI; never SRP, which hides the password). The request's ClientMetadata is the event's
    /// <c>validationData</c>. Returns the created user, or null when nobody was migrated (no function, an empty
    /// answer, or a refusal where the client hides users): then the caller answers as for any unknown user.</summary>
    public Task<StoredUser?> OnSignInAsync(
        UserPoolSettings pool, string? clientId, string userName, string password, IReadOnlyDictionary<string, string>? clientMetadata,
        bool hideExistence, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["password"] = password,
            ["validationData"] = TriggerEvents.StringMap(clientMetadata),
        };
        return MigrateAsync(pool, AuthenticationSource, clientId, userName, password, request, hideExistence, ct);
    }

    /// <summary>ForgotPassword names an unknown user: no password reaches the function; the request's
    /// ClientMetadata is its <c>clientMetadata</c>. The user is created without a password, so only the reset code
    /// lets them in.</summary>
    public Task<StoredUser?> OnForgotPasswordAsync(
        UserPoolSettings pool, string? clientId, string userName, IReadOnlyDictionary<string, string>? clientMetadata,
        bool hideExistence, CancellationToken ct) =>
        MigrateAsync(pool, ForgotPasswordSource, clientId, userName, null, new JsonObject().WithClientMetadata(clientMetadata), hideExistence, ct);

    private async Task<StoredUser?> MigrateAsync(
        UserPoolSettings pool, string source, string? clientId, string userName, string? password, JsonObject request,
        bool hideExistence, CancellationToken ct)
    {
        if (!LambdaTriggers.IsConfigured(pool, UserPoolTrigger.UserMigration))
        {
            return null;
        }

        var prefill = new JsonObject
        {
            ["userAttributes"] = null,
            ["forceAliasCreation"] = null,
            ["enableSMSMFA"] = null,
            ["finalUserStatus"] = null,
            ["messageAction"] = null,
            ["desiredDeliveryMediums"] = null,
        };
        JsonObject? response;
        try
        {
            response = await triggers.InvokeAsync(pool, UserPoolTrigger.UserMigration, source, userName, clientId, request, prefill, ct);
        }
        catch (CognitoException e) when (e.Type is "UserLambdaValidationException" or "UnexpectedLambdaException")
        {
            // Migration failures are "not found" answers (docs/triggers.md#usermigration); a client that hides
            // users gets its usual answer for an unknown user.
            return hideExistence
                ? null
                : throw (e.Type == "UserLambdaValidationException" ? CognitoErrors.MigrationFunctionFailed(e.Message) : CognitoErrors.MigrationInvocationFailed(clientId ?? string.Empty));
        }

        if (response is null || StringMap(response, "userAttributes") is not { } given)
        {
            return null;
        }

        var status = TriggerResponse.Text(response, "finalUserStatus") switch
        {
            null or "RESET_REQUIRED" => UserStatusType.RESET_REQUIRED,
            "CONFIRMED" => UserStatusType.CONFIRMED,
            _ => throw CognitoErrors.MigrationInvalid("finalUserStatus"),
        };
        if (TriggerResponse.Text(response, "messageAction") is not (null or "SUPPRESS" or "RESEND"))
        {
            throw CognitoErrors.MigrationInvalid("messageAction");
        }

        CheckMediums(response);
        var forceAlias = TriggerResponse.Flag(response, "forceAliasCreation");
        var smsMfa = TriggerResponse.Flag(response, "enableSMSMFA");
        return await CreateAsync(pool, userName, password, status, given, forceAlias, smsMfa, ct);
    }

    private async Task<StoredUser> CreateAsync(
        UserPoolSettings pool, string userName, string? password, string status, Dictionary<string, string> given,
        bool forceAlias, bool smsMfa, CancellationToken ct)
    {
        var sub = ids.Sub();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["sub"] = sub };
        var username = userName;
        if (pool.UsernameAttributes.Count > 0)
        {
            // The typed email or phone is the username attribute; the user's username is a generated UUID.
            NewUserAttributes.CopyUsernameAttribute(pool, userName, attributes);
            username = sub;
        }
        else if ((pool.AliasAttributes.Contains("email") && UserAttributeRules.LooksLikeEmail(userName))
            || (pool.AliasAttributes.Contains("phone_number") && UserAttributeRules.LooksLikePhone(userName)))
        {
            // Typed as an alias: the alias must be among the answer's attributes, and the username is generated.
            username = sub;
        }

        try
        {
            foreach (var a in UserAttributeRules.CheckWritable(pool, [.. given.Where(a => a.Key != "sub").Select(a => new AttributeType { Name = a.Key, Value = a.Value })], AttributeWrite.Create))
            {
                attributes[a.Name] = a.Value ?? string.Empty;
            }
        }
        catch (CognitoException e) when (e.Type == "InvalidParameterException")
        {
            throw CognitoErrors.MigrationFunctionFailed(e.Message);
        }

        await NewUserAttributes.CheckUniqueAsync(directory, updater, pool, attributes, forceAlias, ct);
        var now = clock.GetUtcNow();
        var user = new StoredUser
        {
            UserPoolId = pool.Id,
            Username = username,
            UsernameKey = pool.UsernameKey(username),
            Sub = sub,
            Status = status,
            Enabled = true,
            CreatedAt = now,
            ModifiedAt = now,
            Attributes = attributes,
        };

        // enableSMSMFA turns SMS MFA on for the new user, which needs a phone number to send codes to
        // (docs/triggers.md#usermigration).
        if (smsMfa)
        {
            if (!attributes.ContainsKey("phone_number"))
            {
                throw CognitoErrors.MigrationInvalid("enableSMSMFA");
            }

            var state = UserState.Read(user);
            user = user with { ExtraJson = (state with { Mfa = state.Mfa with { SmsEnabled = true } }).Write() };
        }

        // The password policy does not apply to a migrated password: it was the user's password elsewhere.
        if (password is not null)
        {
            user = (await passwords.PrepareAsync(pool, username, password, ct)).ApplyTo(user);
        }

        return await storage.Users.CreateAsync(user, ct) == CreateResult.AlreadyExists
            ? await directory.FindAsync(pool, userName, ct) ?? throw CognitoErrors.MigrationInvalid("userName")
            : user;
    }

    private static Dictionary<string, string>? StringMap(JsonObject response, string name)
    {
        switch (response[name])
        {
            case null:
                return null;
            case JsonObject map:
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in map)
                {
                    result[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                        ? v.GetValue<string>()
                        : throw CognitoErrors.TriggerUnrecognizableOutput();
                }

                return result;
            default:
                throw CognitoErrors.TriggerUnrecognizableOutput();
        }
    }

    private static void CheckMediums(JsonObject response)
    {
        switch (response["desiredDeliveryMediums"])
        {
            case null:
                return;
            case JsonArray mediums when mediums.All(m => m is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is "EMAIL" or "SMS"):
                return;
            default:
                throw CognitoErrors.MigrationInvalid("desiredDeliveryMediums");
        }
    }
}
