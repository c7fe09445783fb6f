namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Outbox_add_assigns_increasing_ids_and_keeps_every_field()
    {
        var poolId = NewId("us-east-1_");
        var first = await Storage.Outbox.AddAsync(Message(poolId, "a@example.com", "111111"), Ct);
        var second = await Storage.Outbox.AddAsync(Message(poolId, "+15550001111", "222222") with { Medium = "SMS", Subject = null, Username = null }, Ct);

        Assert.True(first.Id > 0);
        Assert.True(second.Id > first.Id);
        var listed = await Storage.Outbox.ListAsync(poolId, null, 10, Ct);
        Assert.Equal([first, second], listed);
    }

    [Fact]
    public async Task Outbox_lists_by_pool_and_recipient_newest_last_up_to_the_limit()
    {
        var pool1 = NewId("us-east-1_");
        var pool2 = NewId("us-east-1_");
        var recipient = NewId("r") + "@example.com";
        for (var i = 0; i < 5; i++)
        {
            _ = await Storage.Outbox.AddAsync(Message(pool1, recipient, $"code{i}"), Ct);
        }

        _ = await Storage.Outbox.AddAsync(Message(pool1, "other@example.com", "x"), Ct);
        _ = await Storage.Outbox.AddAsync(Message(pool2, recipient, "y"), Ct);

        Assert.Equal(["code2", "code3", "code4"], (await Storage.Outbox.ListAsync(pool1, recipient, 3, Ct)).Select(m => m.Code));
        Assert.Equal(6, (await Storage.Outbox.ListAsync(pool1, null, 100, Ct)).Count);
        Assert.Equal(["code0", "code1", "code2", "code3", "code4", "y"], (await Storage.Outbox.ListAsync(null, recipient, 100, Ct)).Select(m => m.Code));
        Assert.Empty(await Storage.Outbox.ListAsync(NewId("us-east-1_"), null, 100, Ct));
    }

    [Fact]
    public async Task Outbox_messages_are_seen_by_other_nodes()
    {
        var poolId = NewId("us-east-1_");
        var node2 = await OpenAsync();
        var added = await Storage.Outbox.AddAsync(Message(poolId, "b@example.com", "333333"), Ct);

        Assert.Equal([added], await node2.Outbox.ListAsync(poolId, "b@example.com", 10, Ct));
    }

    [Fact]
    public async Task Outbox_purge_deletes_messages_whose_code_expired_before_the_cutoff_or_created_before_the_other()
    {
        var poolId = NewId("us-east-1_");
        async Task<StoredMessage> AddAsync(string code, TimeSpan createdAgo, TimeSpan? expiresIn) =>
            await Storage.Outbox.AddAsync(Message(poolId, "p@example.com", code) with
            {
                CreatedAt = T0 - createdAgo,
                ExpiresAt = expiresIn is { } e ? T0 + e : null,
            }, Ct);
        _ = await AddAsync("long-expired", TimeSpan.FromDays(2), TimeSpan.FromDays(-1));
        var live = await AddAsync("live", TimeSpan.FromHours(1), TimeSpan.FromHours(23));
        _ = await AddAsync("expired-past-margin", TimeSpan.FromHours(3), TimeSpan.FromHours(-2));
        var atCutoff = await AddAsync("expired-at-cutoff", TimeSpan.FromHours(2), TimeSpan.FromHours(-1));
        var noExpiry = await AddAsync("no-expiry", TimeSpan.FromDays(10), null);

        Assert.Equal(2, await Storage.Outbox.PurgeAsync(T0 - TimeSpan.FromHours(1), DateTimeOffset.UnixEpoch, Ct));
        Assert.Equal([live, atCutoff, noExpiry], await Storage.Outbox.ListAsync(poolId, null, 10, Ct));

        Assert.Equal(1, await Storage.Outbox.PurgeAsync(DateTimeOffset.UnixEpoch, T0 - TimeSpan.FromDays(5), Ct));
        Assert.Equal([live, atCutoff], await Storage.Outbox.ListAsync(poolId, null, 10, Ct));
        Assert.Equal(0, await Storage.Outbox.PurgeAsync(T0 - TimeSpan.FromHours(1), T0 - TimeSpan.FromDays(5), Ct));
    }

    private static StoredMessage Message(string poolId, string recipient, string code) => new()
    {
        UserPoolId = poolId,
        Username = "alice",
        Recipient = recipient,
        Medium = "EMAIL",
        Subject = "Your verification code",
        Body = $"Your verification code is {code}. ",
        Code = code,
        CreatedAt = T0,
    };
}
