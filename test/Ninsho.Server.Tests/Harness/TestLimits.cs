namespace Ninsho.Server.Tests;

/// <summary>
/// The one time limit of this project's tests (<c>[Fact(Timeout = TestTimeoutMs)]</c>, imported everywhere by a
/// global using): a test that hangs fails after it instead of holding the suite. It is generous because two cores
/// under a full parallel run are slow; a test that is meant to be quick proves it by what it asserts, not by this.
/// </summary>
internal static class TestLimits
{
    public const int TestTimeoutMs = 300_000;

    /// <summary>The soak test alone runs minutes of load by design.</summary>
    public const int SoakTimeoutMs = 900_000;
}
