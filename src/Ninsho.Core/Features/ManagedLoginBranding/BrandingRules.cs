using System.Buffers;
using System.Text.Json;
using Ninsho.Protocol.Errors;
using Ninsho.Protocol.IdentityProvider;

namespace Ninsho.Core.Features.ManagedLoginBranding;

/// <summary>What Cognito checks in a branding request beyond the model, and how an update combines with the stored
/// style. Observed: UseCognitoProvidedValues and Settings are exclusive, one of them is required on create, and
/// Assets are accepted with UseCognitoProvidedValues. Guessed: Settings must be a JSON object; one asset per category
/// and color mode; an update merges Settings into the stored document (objects member by member, other values
/// replaced) and replaces the stored asset of each category and color mode it gives, since Cognito "preserves existing
/// style settings that you don't specify" and asks for large styles to be sent in several requests.</summary>
internal static class BrandingRules
{
    public const int MaxAssets = 40;

    /// <summary>The Settings document, or null when absent (or JSON null).</summary>
    public static JsonElement? Given(JsonElement? settings) =>
        settings is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value ? value : null;

    /// <summary>Exactly one of UseCognitoProvidedValues (true) and Settings; when <paramref name="required"/> is false
    /// (an update), neither is fine too.</summary>
    public static void CheckValues(bool? useCognitoProvidedValues, JsonElement? settings, bool required)
    {
        var defaults = useCognitoProvidedValues == true;
        if ((defaults && settings is not null) || (required && !defaults && settings is null))
        {
            throw CognitoErrors.BrandingValuesExclusive();
        }

        if (settings is { ValueKind: not JsonValueKind.Object })
        {
            throw CognitoErrors.BrandingSettingsNotObject();
        }
    }

    public static void CheckAssets(IReadOnlyList<AssetType>? assets)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var asset in assets ?? [])
        {
            if (!seen.Add((asset.Category, asset.ColorMode)))
            {
                throw CognitoErrors.DuplicateBrandingAsset(asset.Category, asset.ColorMode);
            }
        }
    }

    /// <summary>The stored assets with each given one in place of the stored asset of its category and color mode.</summary>
    public static IReadOnlyList<AssetType> MergeAssets(IReadOnlyList<AssetType> stored, IReadOnlyList<AssetType> given)
    {
        var merged = stored.Where(s => !given.Any(g => g.Category == s.Category && g.ColorMode == s.ColorMode)).Concat(given).ToList();
        return merged.Count <= MaxAssets ? merged : throw CognitoErrors.BrandingAssetLimit(MaxAssets);
    }

    /// <summary><paramref name="given"/> laid over <paramref name="stored"/>: objects merge member by member, any other
    /// value replaces the stored one.</summary>
    public static JsonElement MergeSettings(JsonElement? stored, JsonElement given)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, stored, given);
        }

        using var merged = JsonDocument.Parse(buffer.WrittenMemory);
        return merged.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement? stored, JsonElement given)
    {
        if (stored is not { ValueKind: JsonValueKind.Object } under || given.ValueKind != JsonValueKind.Object)
        {
            given.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var member in under.EnumerateObject())
        {
            writer.WritePropertyName(member.Name);
            if (given.TryGetProperty(member.Name, out var over))
            {
                Write(writer, member.Value, over);
            }
            else
            {
                member.Value.WriteTo(writer);
            }
        }

        foreach (var member in given.EnumerateObject().Where(m => !under.TryGetProperty(m.Name, out _)))
        {
            member.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
