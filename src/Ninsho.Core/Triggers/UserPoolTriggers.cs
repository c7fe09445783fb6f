using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Triggers;

/// <summary>Reads a trigger's function from a LambdaConfig.</summary>
public static class UserPoolTriggers
{
    /// <summary>The function ARN the pool configured for <paramref name="trigger"/>, or null when it has none.
    /// PreTokenGeneration is <c>PreTokenGenerationConfig.LambdaArn</c> when set, else the plain member.</summary>
    public static string? FunctionArn(LambdaConfigType? config, UserPoolTrigger trigger) => Blank(trigger switch
    {
        UserPoolTrigger.PreSignUp => config?.PreSignUp,
        UserPoolTrigger.CustomMessage => config?.CustomMessage,
        UserPoolTrigger.PostConfirmation => config?.PostConfirmation,
        UserPoolTrigger.PreAuthentication => config?.PreAuthentication,
        UserPoolTrigger.PostAuthentication => config?.PostAuthentication,
        UserPoolTrigger.DefineAuthChallenge => config?.DefineAuthChallenge,
        UserPoolTrigger.CreateAuthChallenge => config?.CreateAuthChallenge,
        UserPoolTrigger.VerifyAuthChallengeResponse => config?.VerifyAuthChallengeResponse,
        UserPoolTrigger.PreTokenGeneration => config?.PreTokenGenerationConfig?.LambdaArn ?? config?.PreTokenGeneration,
        UserPoolTrigger.UserMigration => config?.UserMigration,
        UserPoolTrigger.CustomSMSSender => config?.CustomSMSSender?.LambdaArn,
        UserPoolTrigger.CustomEmailSender => config?.CustomEmailSender?.LambdaArn,
        _ => null,
    });

    /// <summary>The function name inside a Lambda ARN (<c>arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]</c>),
    /// with its qualifier when <paramref name="withQualifier"/>; the whole text when it is not such an ARN.</summary>
    public static string FunctionName(string functionArn, bool withQualifier)
    {
        ArgumentNullException.ThrowIfNull(functionArn);
        var parts = functionArn.Split(':');
        if (parts.Length < 7 || parts[0] != "arn" || parts[5] != "function")
        {
            return functionArn;
        }

        return withQualifier && parts.Length > 7 ? $"{parts[6]}:{parts[7]}" : parts[6];
    }

    /// <summary>The region inside a Lambda ARN, or null when it has none.</summary>
    public static string? Region(string functionArn)
    {
        ArgumentNullException.ThrowIfNull(functionArn);
        var parts = functionArn.Split(':');
        return parts.Length >= 4 && parts[0] == "arn" && parts[3].Length > 0 ? parts[3] : null;
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
