using Ninsho.Protocol.Errors;

namespace Ninsho.Protocol.Dispatch;

/// <summary>One row of the generated operation table: how to read, check, handle and write an operation.</summary>
public abstract class OperationDescriptor(string name, string targetPrefix, bool isPublic)
{
    /// <summary>The operation name, e.g. <c>AdminCreateUser</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The service's X-Amz-Target prefix, e.g. <c>AWSCognitoIdentityProviderService</c>.</summary>
    public string TargetPrefix { get; } = targetPrefix;

    /// <summary>The full X-Amz-Target value.</summary>
    public string Target { get; } = targetPrefix + "." + name;

    /// <summary>True when the model marks the operation <c>authtype: none</c> (no SigV4).</summary>
    public bool IsPublic { get; } = isPublic;

    /// <summary>The type of the request record.</summary>
    public abstract Type RequestType { get; }

    /// <summary>The handler service type that implements the operation.</summary>
    public abstract Type HandlerType { get; }

    /// <summary>Extract, Validate, Handle, Apply: returns the UTF-8 JSON response body.</summary>
    /// <exception cref="CognitoException">For every modelled or protocol error.</exception>
    public abstract Task<byte[]> InvokeAsync(IServiceProvider services, ReadOnlyMemory<byte> body, OperationContext context, CancellationToken ct);
}
