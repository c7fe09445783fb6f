using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Users;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserImport;

/// <summary>Turns CSV rows (columns as GetCSVHeader lists them, any order, any subset with <c>cognito:username</c>)
/// into RESET_REQUIRED users without a password, as Cognito's import does. A bad row is an <see cref="ImportRowException"/>
/// whose message goes to the job's log. Wordings are guessed after Cognito's CloudWatch lines where not known.</summary>
internal sealed class ImportRows
{
    public const string UsernameColumn = "cognito:username";
    public const string MfaColumn = "cognito:mfa_enabled";

    private readonly UserPoolSettings _pool;
    private readonly IReadOnlyList<string> _header;
    private readonly IdGenerator _ids;

    private ImportRows(UserPoolSettings pool, IReadOnlyList<string> header, IdGenerator ids) => (_pool, _header, _ids) = (pool, header, ids);

    /// <summary>Checks the header row; a problem fails the whole job with the returned message.</summary>
    public static ImportRows Create(UserPoolSettings pool, IReadOnlyList<string> header, IdGenerator ids, out string? problem)
    {
        var known = pool.Schema.Select(a => a.Name!).Where(n => n != "sub").Append(MfaColumn).Append(UsernameColumn).ToHashSet(StringComparer.Ordinal);
        var trimmed = header.Select(h => h.Trim()).ToList();
        problem = trimmed.FirstOrDefault(h => !known.Contains(h)) is { } unknown
            ? $"The header contains an attribute that is not in the user pool's schema: {unknown}."
            : trimmed.Distinct(StringComparer.Ordinal).Count() != trimmed.Count
                ? "The header contains a column twice."
                : !trimmed.Contains(UsernameColumn) ? $"The header does not contain {UsernameColumn}." : null;
        return new ImportRows(pool, trimmed, ids);
    }

    /// <summary>The user of one row (not yet stored), its uniqueness still to be checked against the pool.</summary>
    public StoredUser ToUser(IReadOnlyList<string> fields, DateTimeOffset now)
    {
        if (fields.Count != _header.Count)
        {
            throw new ImportRowException($"The row has {fields.Count} values but the header has {_header.Count} columns.");
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var username = string.Empty;
        var mfa = string.Empty;
        for (var i = 0; i < fields.Count; i++)
        {
            var value = fields[i].Trim();
            switch (_header[i])
            {
                case UsernameColumn:
                    username = value;
                    break;
                case MfaColumn:
                    mfa = value.ToLowerInvariant();
                    break;
                case "email_verified" or "phone_number_verified" when value.Length > 0:
                    attributes[_header[i]] = value.ToLowerInvariant() is "true" or "false" ? value.ToLowerInvariant()
                        : throw new ImportRowException($"The value of {_header[i]} must be true or false.");
                    break;
                default:
                    if (value.Length > 0)
                    {
                        attributes[_header[i]] = value;
                    }

                    break;
            }
        }

        if (username.Length == 0)
        {
            throw new ImportRowException("The cognito:username value is missing.");
        }

        if (mfa is not ("" or "true" or "false"))
        {
            throw new ImportRowException("The value of cognito:mfa_enabled must be true or false.");
        }

        if (mfa == "true" && !attributes.ContainsKey("phone_number"))
        {
            throw new ImportRowException("The user has cognito:mfa_enabled true but no phone_number.");
        }

        Check(username, attributes);
        var sub = _ids.Sub();
        attributes["sub"] = sub;
        var name = _pool.UsernameAttributes.Count > 0 ? sub : username;
        return new StoredUser
        {
            UserPoolId = _pool.Id,
            Username = name,
            UsernameKey = _pool.UsernameKey(name),
            Sub = sub,
            Status = UserStatusType.RESET_REQUIRED,
            Enabled = true,
            CreatedAt = now,
            ModifiedAt = now,
            Attributes = attributes,
        };
    }

    private void Check(string username, Dictionary<string, string> attributes)
    {
        try
        {
            _ = UserAttributeRules.CheckWritable(_pool, attributes.Select(a => new AttributeType { Name = a.Key, Value = a.Value }).ToList(), AttributeWrite.Create);
            if (_pool.UsernameAttributes.Count > 0)
            {
                // In email/phone-as-username pools the username is the email or phone number the row gives.
                var given = new Dictionary<string, string>(StringComparer.Ordinal);
                NewUserAttributes.CopyUsernameAttribute(_pool, attributes.GetValueOrDefault("email") ?? attributes.GetValueOrDefault("phone_number") ?? username, given);
            }
            else
            {
                NewUserAttributes.CheckNotAliasFormat(_pool, username);
            }
        }
        catch (CognitoException e)
        {
            throw new ImportRowException(e.Message.TrimEnd('\n'));
        }

        if (UserAttributeRules.MissingRequired(_pool, attributes).FirstOrDefault() is { } missing)
        {
            throw new ImportRowException($"The User Record does not contain the required attribute {missing}.");
        }

        var auto = _pool.Config.AutoVerifiedAttributes ?? [];
        if (auto.Count > 0 && !auto.Any(a => attributes.GetValueOrDefault(a + "_verified") == "true"))
        {
            throw new ImportRowException("The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).");
        }
    }
}
