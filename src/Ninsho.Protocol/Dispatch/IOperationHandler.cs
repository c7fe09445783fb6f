namespace Ninsho.Protocol.Dispatch;

/// <summary>Handles one operation. Implementations live in Ninsho.Core, one per operation.</summary>
public interface IOperationHandler<in TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    /// <summary>Handles a request that has passed the model's validation.</summary>
    Task<TResponse> HandleAsync(TRequest request, OperationContext context, CancellationToken ct);
}
