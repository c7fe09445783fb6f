namespace Ninsho.Core.Features.Federation.Saml;

/// <summary>What a verified SAML response says: the assertion's id (for one-time use), the NameID, the
/// attributes (name → values) and when the assertion stops being valid.</summary>
internal sealed record SamlAssertion(string Id, string NameId, IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes, DateTimeOffset ValidUntil);
