using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fido2NetLib;
using Ninsho.Protocol.Errors;

namespace Ninsho.Core.SignIn;

/// <summary>Reads the Credential documents of CompleteWebAuthnRegistration (RegistrationResponseJSON) and of the
/// WEB_AUTHN challenge's CREDENTIAL response (AuthenticationResponseJSON) into Fido2's types. A document that is not
/// one is InvalidParameterException, never a 500.</summary>
internal static class PasskeyCredentialJson
{
    public static (AuthenticatorAttestationRawResponse Response, string? Attachment) Registration(JsonElement? credential)
    {
        var element = Object(credential);
        var response = Deserialize(element, PasskeyJsonContext.Default.AuthenticatorAttestationRawResponse);
        if (response?.RawId is not { Length: > 0 } || response.Response?.ClientDataJson is not { Length: > 0 }
            || response.Response.AttestationObject is not { Length: > 0 })
        {
            throw CognitoErrors.WebAuthnCredentialInvalid();
        }

        return (response, Attachment(element));
    }

    public static AuthenticatorAssertionRawResponse Authentication(string? credential)
    {
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(credential ?? string.Empty);
            element = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw CognitoErrors.WebAuthnCredentialInvalid();
        }

        var response = Deserialize(Object(element), PasskeyJsonContext.Default.AuthenticatorAssertionRawResponse);
        return response?.RawId is { Length: > 0 } && response.Response?.ClientDataJson is { Length: > 0 }
            && response.Response.AuthenticatorData is { Length: > 0 } && response.Response.Signature is { Length: > 0 }
            ? response
            : throw CognitoErrors.WebAuthnCredentialInvalid();
    }

    private static JsonElement Object(JsonElement? credential) =>
        credential is { ValueKind: JsonValueKind.Object } element ? element : throw CognitoErrors.WebAuthnCredentialInvalid();

    private static T? Deserialize<T>(JsonElement element, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return element.Deserialize(type);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw CognitoErrors.WebAuthnCredentialInvalid();
        }
    }

    private static string? Attachment(JsonElement element) =>
        element.TryGetProperty("authenticatorAttachment", out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is "platform" or "cross-platform"
            ? value.GetString()
            : null;
}
