using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Ninsho.Core.Security;
using Xunit;

namespace Ninsho.UnitTests.Security;

public sealed class IdentifierRandomTests
{
    [Fact]
    public void Uuids_are_version_4_and_never_repeat_across_threads_and_buffer_refills()
    {
        // 8 threads × 200 UUIDs: each thread's 512-byte buffer refills six times.
        var seen = new ConcurrentDictionary<Guid, bool>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 200; i++)
            {
                var id = IdentifierRandom.NewUuidV4();
                Assert.Matches(new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"), id.ToString());
                Assert.True(seen.TryAdd(id, true), $"{id} came twice");
            }
        });
        Assert.Equal(1600, seen.Count);
    }

    [Fact]
    public void Fills_of_any_length_are_random_and_distinct()
    {
        var first = new byte[300];
        var second = new byte[300];
        IdentifierRandom.Fill(first);
        IdentifierRandom.Fill(second); // does not fit what is left of the buffer: refilled
        var large = new byte[2048];
        IdentifierRandom.Fill(large); // larger than the buffer: straight from the generator
        Assert.NotEqual(first, second);
        Assert.Contains(first, b => b != 0);
        Assert.Contains(second, b => b != 0);
        Assert.Contains(large, b => b != 0);
        Assert.True(large.Distinct().Count() > 200, "2,048 random bytes should take most of the 256 values");
    }
}
