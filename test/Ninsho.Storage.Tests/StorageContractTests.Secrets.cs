namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Secret_get_or_add_stores_the_first_candidate()
    {
        var name = NewId("session-key-");

        var first = await Storage.Secrets.GetOrAddAsync(name, [1, 2, 3], Ct);
        var second = await Storage.Secrets.GetOrAddAsync(name, [4, 5, 6], Ct);

        Assert.Equal([1, 2, 3], first);
        Assert.Equal([1, 2, 3], second);
        Assert.Equal([7], await Storage.Secrets.GetOrAddAsync(NewId("other-"), [7], Ct));
    }

    [Fact]
    public async Task Secret_concurrent_callers_on_several_nodes_all_get_the_same_value()
    {
        var nodes = new List<INinshoStorage> { Storage };
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(await OpenAsync());
        }

        var name = NewId("seal-");
        var candidates = Enumerable.Range(0, 20).Select(i => Guid.NewGuid().ToByteArray()).ToList();
        using var start = new ManualResetEventSlim();
        var tasks = candidates.Select((candidate, i) => Task.Run(
            async () =>
            {
                start.Wait(Ct);
                return await nodes[i % nodes.Count].Secrets.GetOrAddAsync(name, candidate, Ct);
            },
            Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results.Select(Convert.ToHexString).Distinct());
        Assert.Contains(candidates, c => c.SequenceEqual(results[0]));
        Assert.Equal(results[0], await Storage.Secrets.GetOrAddAsync(name, [0], Ct));
    }

    [Fact]
    public async Task Secret_list_returns_every_secret_by_name()
    {
        Assert.Empty(await Storage.Secrets.ListAsync(Ct));
        _ = await Storage.Secrets.GetOrAddAsync("b", [2], Ct);
        _ = await Storage.Secrets.GetOrAddAsync("a", [1], Ct);
        _ = await Storage.Secrets.GetOrAddAsync("a", [9], Ct);

        var secrets = await Storage.Secrets.ListAsync(Ct);

        Assert.Equal(["a", "b"], secrets.Select(s => s.Key));
        Assert.Equal(new byte[] { 1 }, secrets[0].Value);
        Assert.Equal(new byte[] { 2 }, secrets[1].Value);
    }
}
