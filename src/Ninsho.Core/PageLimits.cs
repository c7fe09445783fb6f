namespace Ninsho.Core;

/// <summary>Page sizes of the list operations.</summary>
internal static class PageLimits
{
    /// <summary>The page size when a Limit/MaxResults is absent or 0 (docs/cognito-behaviour.md#page-sizes-and-pagination-tokens).</summary>
    public const int Default = 60;

    public static int OrDefault(int? limit) => limit is null or <= 0 ? Default : limit.Value;
}
