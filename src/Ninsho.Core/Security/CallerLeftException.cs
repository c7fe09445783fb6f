namespace Ninsho.Core.Security;

/// <summary>Thrown instead of starting costly work for a caller that has closed its connection.</summary>
public sealed class CallerLeftException() : OperationCanceledException("The caller closed the connection before the work began.");
