using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPools;

/// <summary>UpdateUserPool: as in Cognito, a setting left out of the request returns to its default;
/// the schema, username and alias attributes can't change.</summary>
internal sealed class UpdateUserPoolHandler(INinshoStorage storage, UserPoolService pools, TimeProvider clock)
    : IOperationHandler<UpdateUserPoolRequest, UpdateUserPoolResponse>
{
    public async Task<UpdateUserPoolResponse> HandleAsync(UpdateUserPoolRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        var old = pool.Config;
        if (request.UserPoolTags is { Count: > Tags.PoolTags.MaxTags })
        {
            throw CognitoErrors.TooManyTags();
        }

        var policies = UserPoolDefaults.Policies(request.Policies);
        var config = old with
        {
            Policies = policies,
            DeletionProtection = request.DeletionProtection ?? DeletionProtectionType.INACTIVE,
            LambdaConfig = request.LambdaConfig ?? new LambdaConfigType(),
            AutoVerifiedAttributes = request.AutoVerifiedAttributes,
            SmsVerificationMessage = request.SmsVerificationMessage,
            EmailVerificationMessage = request.EmailVerificationMessage,
            EmailVerificationSubject = request.EmailVerificationSubject,
            VerificationMessageTemplate = request.VerificationMessageTemplate
                ?? new VerificationMessageTemplateType { DefaultEmailOption = DefaultEmailOptionType.CONFIRM_WITH_CODE },
            SmsAuthenticationMessage = request.SmsAuthenticationMessage,
            UserAttributeUpdateSettings = request.UserAttributeUpdateSettings,
            MfaConfiguration = request.MfaConfiguration ?? UserPoolMfaType.OFF,
            DeviceConfiguration = request.DeviceConfiguration,
            EmailConfiguration = request.EmailConfiguration ?? new EmailConfigurationType { EmailSendingAccount = EmailSendingAccountType.COGNITO_DEFAULT },
            SmsConfiguration = request.SmsConfiguration,
            UserPoolTags = request.UserPoolTags ?? old.UserPoolTags,
            AdminCreateUserConfig = UserPoolDefaults.AdminCreateUser(request.AdminCreateUserConfig, policies.PasswordPolicy!),
            UserPoolAddOns = request.UserPoolAddOns,
            AccountRecoverySetting = request.AccountRecoverySetting,
            UserPoolTier = request.UserPoolTier ?? old.UserPoolTier,
        };
        config = LegacyVerificationMessages.Fill(config, request.VerificationMessageTemplate);
        var mfa = PoolMfaRules.AfterUpdate(pool.Mfa, config);
        var updated = pool.Stored with
        {
            Name = request.PoolName ?? pool.Stored.Name,
            ModifiedAt = clock.GetUtcNow(),
            ConfigJson = mfa.WriteInto(UserPoolService.Serialize(config)),
        };
        return await storage.UserPools.UpdateAsync(updated, ct) switch
        {
            UpdateResult.Updated => new UpdateUserPoolResponse(),
            UpdateResult.NotFound => throw CognitoErrors.UserPoolNotFound(request.UserPoolId),
            _ => throw CognitoErrors.ConcurrentModification(),
        };
    }
}
