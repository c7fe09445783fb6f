namespace Ninsho.Core.Triggers;

/// <summary>A user pool trigger: a member of the pool's LambdaConfig (docs/triggers.md). The name
/// is the one Cognito puts in front of its error messages ("PreSignUp failed with error …").</summary>
public enum UserPoolTrigger
{
    PreSignUp,
    CustomMessage,
    PostConfirmation,
    PreAuthentication,
    PostAuthentication,
    DefineAuthChallenge,
    CreateAuthChallenge,
    VerifyAuthChallengeResponse,
    PreTokenGeneration,
    UserMigration,
    CustomSMSSender,
    CustomEmailSender,
}
