using System.Text.Json.Serialization;
using Fido2NetLib;

namespace Ninsho.Core.SignIn;

/// <summary>JSON metadata for the two Fido2 documents (source-generated: Native AOT has no reflection-based JSON),
/// with the default options those documents were read with before.</summary>
[JsonSerializable(typeof(AuthenticatorAttestationRawResponse))]
[JsonSerializable(typeof(AuthenticatorAssertionRawResponse))]
internal sealed partial class PasskeyJsonContext : JsonSerializerContext;
