using Ninsho.Core.Pools;
using Ninsho.Core.Security;
using Ninsho.Core.Tokens;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;

namespace Ninsho.Core.Features.UserPools;

/// <summary>CreateUserPool: a pool with Cognito's defaults and its own two signing keys (id and access); the id is
/// random unless the tag <c>_custom_id_</c> chooses it (<see cref="CustomIds"/>).</summary>
internal sealed class CreateUserPoolHandler(
    INinshoStorage storage, UserPoolService pools, IdGenerator ids, NinshoCoreOptions options, TimeProvider clock)
    : IOperationHandler<CreateUserPoolRequest, CreateUserPoolResponse>
{
    public async Task<CreateUserPoolResponse> HandleAsync(CreateUserPoolRequest request, OperationContext context, CancellationToken ct)
    {
        if (request.UsernameAttributes is { Count: > 0 } && request.AliasAttributes is { Count: > 0 })
        {
            throw CognitoErrors.AliasAndUsernameAttributes();
        }

        if (request.UserPoolTags is { Count: > Tags.PoolTags.MaxTags })
        {
            throw CognitoErrors.TooManyTags();
        }

        var region = context.SignedRegion ?? options.DefaultRegion;
        var (customId, tags) = CustomIds.UserPoolId(request.UserPoolTags, region);
        var policies = UserPoolDefaults.Policies(request.Policies);
        var config = new UserPoolType
        {
            Policies = policies,
            DeletionProtection = request.DeletionProtection ?? DeletionProtectionType.INACTIVE,
            LambdaConfig = request.LambdaConfig ?? new LambdaConfigType(),
            SchemaAttributes = UserPoolDefaults.Schema(request.Schema),
            AutoVerifiedAttributes = request.AutoVerifiedAttributes,
            AliasAttributes = request.AliasAttributes,
            UsernameAttributes = request.UsernameAttributes,
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
            UserPoolTags = tags,
            AdminCreateUserConfig = UserPoolDefaults.AdminCreateUser(request.AdminCreateUserConfig, policies.PasswordPolicy!),
            UserPoolAddOns = request.UserPoolAddOns,
            UsernameConfiguration = request.UsernameConfiguration,
            AccountRecoverySetting = request.AccountRecoverySetting,
            UserPoolTier = request.UserPoolTier ?? UserPoolTierType.ESSENTIALS,
        };
        config = LegacyVerificationMessages.Fill(config, request.VerificationMessageTemplate);

        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var id = customId ?? ids.UserPoolId(region);
            var stored = new StoredUserPool
            {
                Id = id,
                Name = request.PoolName,
                CreatedAt = now,
                ModifiedAt = now,
                ConfigJson = UserPoolService.Serialize(config),
            };
            var keys = SigningKeyFactory.CreatePair(id, clock);
            if (await storage.UserPools.CreateAsync(stored, keys, ct) == CreateResult.Created)
            {
                pools.Forget(id);
                return new CreateUserPoolResponse { UserPool = await pools.DescribeAsync(new UserPoolSettings(stored, config), ct) };
            }

            if (customId is not null)
            {
                throw CognitoErrors.UserPoolIdTaken(customId);
            }

            if (attempt == 3)
            {
                throw CognitoErrors.ConcurrentModification();
            }
        }
    }
}
