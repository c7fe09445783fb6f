namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    private static StoredUserImportJob NewJob(string poolId, string? jobId = null) => new()
    {
        UserPoolId = poolId,
        JobId = jobId ?? NewId("import-"),
        JobName = "job",
        CloudWatchLogsRoleArn = "arn:aws:iam::123456789012:role/import",
        Status = "Created",
        CreatedAt = T0,
    };

    [Fact]
    public async Task Import_job_round_trips_and_updates_only_at_the_read_version()
    {
        var pool = await CreatePoolAsync();
        var job = NewJob(pool);
        Assert.Equal(CreateResult.Created, await Storage.ImportJobs.CreateAsync(job, Ct));
        Assert.Equal(CreateResult.AlreadyExists, await Storage.ImportJobs.CreateAsync(job, Ct));
        Assert.Equal(job, await Storage.ImportJobs.FindAsync(pool, job.JobId, Ct));
        Assert.Null(await Storage.ImportJobs.FindAsync(await CreatePoolAsync(), job.JobId, Ct));

        var done = job with
        {
            Status = "Succeeded",
            StartedAt = T0.AddSeconds(1),
            CompletedAt = T0.AddSeconds(2),
            ImportedUsers = 5,
            SkippedUsers = 1,
            FailedUsers = 2,
            CompletionMessage = "ok",
            RowsDone = 8,
            Log = "[ERROR] x\n",
            Owner = "n1",
            HeartbeatAt = T0.AddSeconds(2),
        };
        Assert.Equal(UpdateResult.Updated, await Storage.ImportJobs.UpdateAsync(done, Ct));
        Assert.Equal(UpdateResult.VersionConflict, await Storage.ImportJobs.UpdateAsync(done, Ct));
        Assert.Equal(UpdateResult.NotFound, await Storage.ImportJobs.UpdateAsync(NewJob(pool), Ct));
        Assert.Equal(done with { Version = 1 }, await Storage.ImportJobs.FindAsync(pool, job.JobId, Ct));
    }

    [Fact]
    public async Task Import_job_list_pages_by_job_id_within_the_pool()
    {
        var pool = await CreatePoolAsync();
        var other = await CreatePoolAsync();
        foreach (var id in new[] { "import-c", "import-a", "import-b" })
        {
            _ = await Storage.ImportJobs.CreateAsync(NewJob(pool, id), Ct);
        }

        _ = await Storage.ImportJobs.CreateAsync(NewJob(other, "import-0"), Ct);
        var first = await Storage.ImportJobs.ListAsync(pool, 2, null, Ct);
        Assert.Equal(["import-a", "import-b"], first.Items.Select(j => j.JobId));
        Assert.Equal("import-b", first.NextKey);
        var last = await Storage.ImportJobs.ListAsync(pool, 2, first.NextKey, Ct);
        Assert.Equal(["import-c"], last.Items.Select(j => j.JobId));
        Assert.Null(last.NextKey);
    }

    [Fact]
    public async Task Import_job_claim_gives_a_pending_job_to_one_node_and_a_stale_one_to_another()
    {
        var pool = await CreatePoolAsync();
        var job = NewJob(pool);
        _ = await Storage.ImportJobs.CreateAsync(job, Ct);
        Assert.Null(await Storage.ImportJobs.ClaimAsync("n1", T0, T0, Ct)); // Created is not runnable
        Assert.Equal(UpdateResult.Updated, await Storage.ImportJobs.UpdateAsync(job with { Status = "Pending" }, Ct));

        var node2 = await OpenAsync();
        var claims = await Task.WhenAll(
            Storage.ImportJobs.ClaimAsync("n1", T0.AddSeconds(1), T0, Ct),
            node2.ImportJobs.ClaimAsync("n2", T0.AddSeconds(1), T0, Ct));
        var claimed = Assert.Single(claims, c => c is not null)!;
        Assert.Equal("InProgress", claimed.Status);
        Assert.Equal(2, claimed.Version);
        Assert.Equal(claimed, await Storage.ImportJobs.FindAsync(pool, job.JobId, Ct));

        // Alive (heartbeat at T0+1s, not before T0+1s): nobody takes it; stale: another node does.
        Assert.Null(await node2.ImportJobs.ClaimAsync("n3", T0.AddSeconds(30), T0.AddSeconds(1), Ct));
        var taken = await node2.ImportJobs.ClaimAsync("n3", T0.AddSeconds(90), T0.AddSeconds(30), Ct);
        Assert.Equal("n3", taken?.Owner);
        Assert.Equal(T0.AddSeconds(90), taken?.HeartbeatAt);
    }

    [Fact]
    public async Task Import_csv_is_stored_replaced_and_deleted_with_the_pool()
    {
        var pool = await CreatePoolAsync();
        var job = NewJob(pool);
        _ = await Storage.ImportJobs.CreateAsync(job, Ct);
        Assert.Null(await Storage.ImportJobs.GetCsvAsync(job.JobId, Ct));
        await Storage.ImportJobs.PutCsvAsync(job.JobId, "a,b\n"u8.ToArray(), Ct);
        await Storage.ImportJobs.PutCsvAsync(job.JobId, "cognito:username\nx\n"u8.ToArray(), Ct);
        Assert.Equal("cognito:username\nx\n"u8.ToArray(), await Storage.ImportJobs.GetCsvAsync(job.JobId, Ct));

        Assert.True(await Storage.UserPools.DeleteAsync(pool, Ct));
        Assert.Null(await Storage.ImportJobs.GetCsvAsync(job.JobId, Ct));
        Assert.Null(await Storage.ImportJobs.FindAsync(pool, job.JobId, Ct));
    }

    [Fact]
    public async Task User_create_many_inserts_indexes_and_counts_reporting_duplicates()
    {
        var pool = await CreatePoolAsync();
        _ = await CreateUserAsync(pool, "old");
        var users = Enumerable.Range(0, 2500)
            .Select(i => NewUser(pool, $"u{i:0000}", new Dictionary<string, string> { ["email"] = $"u{i}@example.com" }))
            .Append(NewUser(pool, "old"))
            .Append(NewUser(pool, "u0001"))
            .ToList();

        var results = await Storage.Users.CreateManyAsync(users, Ct);

        Assert.Equal(2500, results.Count(r => r == CreateResult.Created));
        Assert.Equal(CreateResult.AlreadyExists, results[^1]);
        Assert.Equal(CreateResult.AlreadyExists, results[^2]);
        Assert.Equal(2501, await Storage.Users.CountAsync(pool, Ct));
        AssertSameUser(users[7], await Storage.Users.FindAsync(pool, "u0007", Ct));
        var found = await Storage.Users.FindByAttributeAsync(pool, SearchableAttributes.Email, "u2499@example.com", 5, Ct);
        Assert.Equal("u2499", Assert.Single(found).UsernameKey);
        Assert.Empty(await Storage.Users.CreateManyAsync([], Ct));

        Assert.True(await Storage.Users.DeleteAsync(pool, "u0000", Ct));
        Assert.Equal(2500, await Storage.Users.CountAsync(pool, Ct));
    }
}
