using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.UserImport;

/// <summary>GetCSVHeader: the pool's schema attributes in schema order (without <c>sub</c>, which import assigns),
/// then <c>cognito:mfa_enabled</c> and <c>cognito:username</c>, as the awscli example shows for a default pool.</summary>
internal sealed class GetCSVHeaderHandler(UserPoolService pools) : IOperationHandler<GetCSVHeaderRequest, GetCSVHeaderResponse>
{
    public async Task<GetCSVHeaderResponse> HandleAsync(GetCSVHeaderRequest request, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(request.UserPoolId, ct);
        List<string> header = [.. pool.Schema.Select(a => a.Name!).Where(n => n != "sub"), "cognito:mfa_enabled", "cognito:username"];
        return new GetCSVHeaderResponse { UserPoolId = pool.Id, CSVHeader = header };
    }
}
