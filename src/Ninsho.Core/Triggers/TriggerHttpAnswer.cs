namespace Ninsho.Core.Triggers;

/// <summary>What a trigger target answered.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="FunctionError">Lambda's <c>X-Amz-Function-Error</c> header (the function failed), or null.</param>
/// <param name="ErrorType">Lambda's <c>x-amzn-ErrorType</c> header (the Invoke call failed), or null.</param>
/// <param name="Body">The body as text.</param>
internal sealed record TriggerHttpAnswer(int Status, string? FunctionError, string? ErrorType, string Body);
