using Ninsho.Core.Pools;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.Terms;

/// <summary>CreateTerms: a terms-of-use or privacy-policy document (links per language) of an app client of the pool.
/// Links may be left out (the model allows it); the document then shows <c>Links: {}</c> (guessed: Cognito's answer is
/// undocumented).</summary>
internal sealed class CreateTermsHandler(UserPoolService pools, UserPoolClientService clients, TermsService terms)
    : IOperationHandler<CreateTermsRequest, CreateTermsResponse>
{
    public async Task<CreateTermsResponse> HandleAsync(CreateTermsRequest r, OperationContext context, CancellationToken ct)
    {
        var pool = await pools.GetAsync(r.UserPoolId, ct);
        _ = await clients.GetAsync(r.ClientId, pool.Id, ct);
        var created = await terms.CreateAsync(pool.Id, new TermsType
        {
            ClientId = r.ClientId,
            TermsName = r.TermsName,
            TermsSource = r.TermsSource,
            Enforcement = r.Enforcement,
            Links = r.Links ?? new Dictionary<string, string>(),
        }, ct);
        return new CreateTermsResponse { Terms = created };
    }
}
