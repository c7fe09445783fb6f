using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Benchmarks;

/// <summary>A service provider whose handlers answer at once with answers of a realistic size, so that a
/// dispatch benchmark measures only the protocol work.</summary>
internal sealed class CannedHandlers : IServiceProvider,
    IOperationHandler<AdminGetUserRequest, AdminGetUserResponse>,
    IOperationHandler<InitiateAuthRequest, InitiateAuthResponse>
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Task<AdminGetUserResponse> User = Task.FromResult(new AdminGetUserResponse
    {
        Username = "user0000001",
        UserAttributes =
        [
            new AttributeType { Name = "sub", Value = "5f1c5a7e-4c1d-4bb0-9a51-1b0b1d1e2f30" },
            new AttributeType { Name = "email", Value = "user0000001@bench.example" },
            new AttributeType { Name = "email_verified", Value = "true" },
        ],
        UserCreateDate = Created,
        UserLastModifiedDate = Created,
        Enabled = true,
        UserStatus = "CONFIRMED",
    });

    private static readonly Task<InitiateAuthResponse> Tokens = Task.FromResult(new InitiateAuthResponse
    {
        ChallengeParameters = new Dictionary<string, string>(StringComparer.Ordinal),
        AuthenticationResult = new AuthenticationResultType
        {
            AccessToken = new string('a', 1100),
            IdToken = new string('i', 1200),
            RefreshToken = new string('r', 400),
            ExpiresIn = 3600,
            TokenType = "Bearer",
        },
    });

    public object? GetService(Type serviceType) =>
        serviceType == typeof(IOperationHandler<AdminGetUserRequest, AdminGetUserResponse>)
        || serviceType == typeof(IOperationHandler<InitiateAuthRequest, InitiateAuthResponse>)
            ? this
            : null;

    public Task<AdminGetUserResponse> HandleAsync(AdminGetUserRequest request, OperationContext context, CancellationToken ct) => User;

    public Task<InitiateAuthResponse> HandleAsync(InitiateAuthRequest request, OperationContext context, CancellationToken ct) => Tokens;
}
