namespace Ninsho.Core.Features.UserImport;

/// <summary>A CSV row that cannot be imported; the message is logged with the row's line number.</summary>
internal sealed class ImportRowException(string message) : Exception(message);
