using System.Text;
using BenchmarkDotNet.Attributes;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Benchmarks;

/// <summary>The protocol work of one request without storage or crypto: the generated descriptor deserialises a
/// typical body, runs the model's validator, calls a handler that answers at once and serialises its answer.</summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static readonly byte[] AdminGetUserBody = Encoding.UTF8.GetBytes(
        """{"UserPoolId":"us-east-1_Bench0001","Username":"user0000001"}""");

    private static readonly byte[] InitiateAuthBody = Encoding.UTF8.GetBytes(
        """{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"3n4b5urk1ft4fl3mg5e62d9ado","AuthParameters":{"USERNAME":"user0000001","PASSWORD":"Bench-1-pW1!"}}""");

    private readonly OperationContext _context = new() { RequestId = "00000000-0000-0000-0000-000000000000", OperationName = "bench" };
    private OperationDescriptor _adminGetUser = null!;
    private OperationDescriptor _initiateAuth = null!;
    private CannedHandlers _handlers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _adminGetUser = IdentityProviderOperations.ByTarget["AWSCognitoIdentityProviderService.AdminGetUser"];
        _initiateAuth = IdentityProviderOperations.ByTarget["AWSCognitoIdentityProviderService.InitiateAuth"];
        _handlers = new CannedHandlers();
    }

    [Benchmark]
    public Task<byte[]> AdminGetUser() => _adminGetUser.InvokeAsync(_handlers, AdminGetUserBody, _context, CancellationToken.None);

    [Benchmark]
    public Task<byte[]> InitiateAuth() => _initiateAuth.InvokeAsync(_handlers, InitiateAuthBody, _context, CancellationToken.None);
}
