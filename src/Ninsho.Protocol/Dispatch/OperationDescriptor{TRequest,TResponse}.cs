using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.Validation;

namespace Ninsho.Protocol.Dispatch;

/// <summary>The typed row of the operation table. The JSON metadata is resolved on first use, so start-up does not
/// build metadata for all ~290 request and response types of the models.</summary>
public sealed class OperationDescriptor<TRequest, TResponse>(
    string name,
    string targetPrefix,
    bool isPublic,
    Func<JsonTypeInfo<TRequest>> requestInfo,
    Func<JsonTypeInfo<TResponse>> responseInfo,
    Action<TRequest, ValidationErrors> validate) : OperationDescriptor(name, targetPrefix, isPublic)
    where TRequest : class
    where TResponse : class
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private JsonTypeInfo<TRequest>? _request;
    private JsonTypeInfo<TResponse>? _response;

    /// <inheritdoc />
    public override Type RequestType => typeof(TRequest);

    /// <inheritdoc />
    public override Type HandlerType => typeof(IOperationHandler<TRequest, TResponse>);

    /// <inheritdoc />
    public override async Task<byte[]> InvokeAsync(IServiceProvider services, ReadOnlyMemory<byte> body, OperationContext context, CancellationToken ct)
    {
        var input = Read(body.Length == 0 ? EmptyObject : body);
        var errors = new ValidationErrors();
        validate(input, errors);
        if (errors.Count > 0)
        {
            throw CognitoErrors.ModelValidation(TargetPrefix, errors.ToMessage());
        }

        if (services.GetService(HandlerType) is not IOperationHandler<TRequest, TResponse> handler)
        {
            throw CognitoErrors.NotImplemented(Name);
        }

        var output = await handler.HandleAsync(input, context, ct);
        return JsonSerializer.SerializeToUtf8Bytes(output, _response ??= responseInfo());
    }

    private TRequest Read(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, _request ??= requestInfo())
                ?? throw CognitoErrors.RequestBodyNotObject();
        }
        catch (JsonException e)
        {
            throw CognitoErrors.Serialization(DescribeJsonError(e));
        }
    }

    private static string DescribeJsonError(JsonException e) =>
        e.Path is { Length: > 1 } path
            ? $"Unexpected JSON value at '{path.TrimStart('$', '.')}'."
            : "The request body is not valid JSON.";
}
