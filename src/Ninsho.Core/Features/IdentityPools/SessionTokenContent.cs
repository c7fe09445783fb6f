using System.Text.Json.Serialization;

namespace Ninsho.Core.Features.IdentityPools;

/// <summary>What the session token of the credentials GetCredentialsForIdentity makes locally carries, as JSON in
/// base64 (docs/compatibility-identity-roles.md).</summary>
internal sealed record SessionTokenContent(
    [property: JsonPropertyName("roleArn")] string RoleArn,
    [property: JsonPropertyName("identityId")] string IdentityId,
    [property: JsonPropertyName("nonce")] string Nonce);
