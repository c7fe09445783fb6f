using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>User import jobs as an administrator runs them: aws CLI for the operations, curl for the upload to the
/// PreSignedUrl (as in the Cognito guide, with its <c>x-amz-server-side-encryption:aws:kms</c> header).</summary>
[Collection(DirectoryServer.Name)]
public sealed class UserImportTests(NinshoServerFixture fixture)
{
    private const string Role = "arn:aws:iam::123456789012:role/CognitoImport";

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_import_a_csv_uploaded_with_curl_counting_and_logging_bad_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var poolId = await cli.CreatePoolAsync("import", ct);
        var header = (await cli.CognitoIdpAsync(ct, "get-csv-header", "--user-pool-id", poolId)).Ok().Items("CSVHeader").Select(h => h.GetString()!).ToList();
        var job = (await cli.CognitoIdpAsync(ct, "create-user-import-job", "--user-pool-id", poolId, "--job-name", "first",
            "--cloud-watch-logs-role-arn", Role)).Ok().Prop("UserImportJob");
        Assert.Equal("Created", job.Str("Status"));
        Assert.StartsWith("import-", job.Str("JobId"), StringComparison.Ordinal);
        Assert.Equal(Role, job.Str("CloudWatchLogsRoleArn"));
        job.AssertNumber("ImportedUsers", 0);
        var jobId = job.Str("JobId");
        var url = job.Str("PreSignedUrl");
        Assert.StartsWith(fixture.BaseUrl + "/_ninsho/import/", url, StringComparison.Ordinal);

        var csv = Csv(header,
            Row(header, ("cognito:username", "alice"), ("email", "alice@example.com"), ("email_verified", "TRUE"), ("cognito:mfa_enabled", "false"), ("name", "Alice, A.")),
            Row(header, ("cognito:username", "bob"), ("phone_number", "+15555550100"), ("phone_number_verified", "true"), ("cognito:mfa_enabled", "false")),
            Row(header, ("cognito:username", "carol"), ("email_verified", "maybe"), ("cognito:mfa_enabled", "false")),
            Row(header, ("cognito:username", "alice"), ("cognito:mfa_enabled", "false")),
            Row(header, ("cognito:username", "dave"), ("email", "not-an-email"), ("cognito:mfa_enabled", "false")));
        Assert.Equal(200, await UploadAsync(url, csv, ct));
        Assert.Equal(403, await UploadAsync(url.Replace("sig=", "sig=0", StringComparison.Ordinal), csv, ct));

        var started = (await cli.CognitoIdpAsync(ct, "start-user-import-job", "--user-pool-id", poolId, "--job-id", jobId)).Ok().Prop("UserImportJob");
        Assert.Contains(started.Str("Status"), new[] { "Pending", "InProgress", "Succeeded" });
        started.AssertEpochSeconds("StartDate");

        var done = await WaitForAsync(cli, poolId, jobId, ct);
        Assert.Equal("Succeeded", done.Str("Status"));
        done.AssertNumber("ImportedUsers", 2);
        done.AssertNumber("FailedUsers", 3);
        done.AssertNumber("SkippedUsers", 0);
        Assert.Equal("Import Job Completed Successfully.", done.Str("CompletionMessage"));
        done.AssertEpochSeconds("CompletionDate");

        var alice = (await cli.CognitoIdpAsync(ct, "admin-get-user", "--user-pool-id", poolId, "--username", "alice")).Ok();
        Assert.Equal("RESET_REQUIRED", alice.Str("UserStatus"));
        Assert.Contains(KeyValuePair.Create("name", "Alice, A."), alice.Attributes("UserAttributes"));
        Assert.Contains(KeyValuePair.Create("email_verified", "true"), alice.Attributes("UserAttributes"));
        var byPhone = (await cli.CognitoIdpAsync(ct, "list-users", "--user-pool-id", poolId, "--filter", "phone_number = \"+15555550100\"")).Ok().Items("Users");
        Assert.Equal("bob", Assert.Single(byPhone).Str("Username"));

        using var http = new HttpClient();
        var log = await http.GetStringAsync(new Uri($"{fixture.BaseUrl}/_ninsho/import/{poolId}/{jobId}/log"), ct);
        Assert.Equal(
            [
                "[ERROR] Line Number 4 - The value of email_verified must be true or false.",
                "[ERROR] Line Number 6 - Invalid email address format.",
                "[ERROR] Line Number 5 - User account already exists.",
            ],
            log.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Wording guessed (see StartUserImportJobHandler).
        (await cli.CognitoIdpAsync(ct, "start-user-import-job", "--user-pool-id", poolId, "--job-id", jobId))
            .AssertError("PreconditionNotMetException", "StartUserImportJob", $"Import job {jobId} is Succeeded; only a Created job can be started.");
        (await cli.CognitoIdpAsync(ct, "stop-user-import-job", "--user-pool-id", poolId, "--job-id", jobId))
            .AssertError("PreconditionNotMetException", "StopUserImportJob", $"Import job {jobId} is Succeeded; only a Pending or InProgress job can be stopped.");
        Assert.Equal(409, await UploadAsync(url, csv, ct));
        var pool = await cli.DescribePoolAsync(poolId, ct);
        pool.AssertNumber("EstimatedNumberOfUsers", 2);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_fail_a_job_without_a_file_or_with_an_unknown_column_and_page_the_jobs()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = fixture.Cli;
        var poolId = await cli.CreatePoolAsync("import-bad", ct);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await cli.CognitoIdpAsync(ct, "create-user-import-job", "--user-pool-id", poolId, "--job-name", $"job {i}",
                "--cloud-watch-logs-role-arn", Role)).Ok().Prop("UserImportJob").Str("JobId"));
        }

        var first = (await cli.CognitoIdpAsync(ct, "describe-user-import-job", "--user-pool-id", poolId, "--job-id", ids[1])).Ok().Prop("UserImportJob");
        Assert.Equal(200, await UploadAsync(first.Str("PreSignedUrl"), "cognito:username,shoe_size\nx,42\n", ct));
        _ = (await cli.CognitoIdpAsync(ct, "start-user-import-job", "--user-pool-id", poolId, "--job-id", ids[0])).Ok();
        _ = (await cli.CognitoIdpAsync(ct, "start-user-import-job", "--user-pool-id", poolId, "--job-id", ids[1])).Ok();
        var noFile = await WaitForAsync(cli, poolId, ids[0], ct);
        Assert.Equal("Failed", noFile.Str("Status"));
        Assert.Equal("No CSV file was uploaded to the job's PreSignedUrl.", noFile.Str("CompletionMessage"));
        var badHeader = await WaitForAsync(cli, poolId, ids[1], ct);
        Assert.Equal("Failed", badHeader.Str("Status"));
        Assert.Equal("The header contains an attribute that is not in the user pool's schema: shoe_size.", badHeader.Str("CompletionMessage"));

        var page1 = (await cli.CognitoIdpAsync(ct, "list-user-import-jobs", "--user-pool-id", poolId, "--max-results", "2")).Ok();
        var page2 = (await cli.CognitoIdpAsync(ct, "list-user-import-jobs", "--user-pool-id", poolId, "--max-results", "2",
            "--pagination-token", page1.Str("PaginationToken"))).Ok();
        page2.AssertMissing("PaginationToken");
        Assert.Equal(ids.Order(StringComparer.Ordinal), page1.Items("UserImportJobs").Concat(page2.Items("UserImportJobs")).Select(j => j.Str("JobId")));
        Assert.Equal("Created", page2.Items("UserImportJobs").Concat(page1.Items("UserImportJobs")).Single(j => j.Str("JobId") == ids[2]).Str("Status"));

        (await cli.CognitoIdpAsync(ct, "describe-user-import-job", "--user-pool-id", poolId, "--job-id", "import-nope"))
            .AssertError("ResourceNotFoundException", "DescribeUserImportJob", "Import job import-nope does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_keep_a_job_and_its_file_across_a_restart_and_stop_a_running_import()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await NinshoProcess.StartAsync(ct);
        var cli = new AwsCli(server.BaseUrl);
        var poolId = await cli.CreatePoolAsync("import-restart", ct);
        var job = (await cli.CognitoIdpAsync(ct, "create-user-import-job", "--user-pool-id", poolId, "--job-name", "big",
            "--cloud-watch-logs-role-arn", Role)).Ok().Prop("UserImportJob");
        var jobId = job.Str("JobId");
        var rows = Enumerable.Range(0, 100_000).Select(i => $"user{i:000000},false\n");
        Assert.Equal(200, await UploadAsync(job.Str("PreSignedUrl"), "cognito:username,cognito:mfa_enabled\n" + string.Concat(rows), ct));

        server.Kill();
        await server.RestartAsync(ct);

        _ = (await cli.CognitoIdpAsync(ct, "start-user-import-job", "--user-pool-id", poolId, "--job-id", jobId)).Ok();
        var stopped = (await cli.CognitoIdpAsync(ct, "stop-user-import-job", "--user-pool-id", poolId, "--job-id", jobId)).Ok().Prop("UserImportJob");
        Assert.Contains(stopped.Str("Status"), new[] { "Stopping", "Stopped" });
        var done = await WaitForAsync(cli, poolId, jobId, ct);
        Assert.Equal("Stopped", done.Str("Status"));
        Assert.Equal("Import Job Stopped.", done.Str("CompletionMessage"));
        var imported = done.GetProperty("ImportedUsers").GetInt64();
        Assert.InRange(imported, 0, 99_999);
        (await cli.DescribePoolAsync(poolId, ct)).AssertNumber("EstimatedNumberOfUsers", imported);
    }

    private static async Task<JsonElement> WaitForAsync(AwsCli cli, string poolId, string jobId, CancellationToken ct)
    {
        for (var i = 0; i < 120; i++)
        {
            var job = (await cli.CognitoIdpAsync(ct, "describe-user-import-job", "--user-pool-id", poolId, "--job-id", jobId)).Ok().Prop("UserImportJob");
            if (job.Str("Status") is "Succeeded" or "Failed" or "Stopped")
            {
                return job;
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException($"Import job {jobId} did not finish.");
    }

    /// <summary><c>curl --upload-file</c> as the Cognito guide shows; returns the HTTP status.</summary>
    private static async Task<int> UploadAsync(string url, string csv, CancellationToken ct)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, csv, ct);
            var result = await ChildProcess.RunAsync("curl",
                ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "x-amz-server-side-encryption:aws:kms", "--upload-file", file, url],
                new Dictionary<string, string?>(StringComparer.Ordinal), TimeSpan.FromSeconds(60), null, ct);
            Assert.True(result.ExitCode == 0, result.Stderr);
            return int.Parse(result.Stdout, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Csv(IReadOnlyList<string> header, params string[] rows) => string.Join(',', header) + "\n" + string.Join("\n", rows) + "\n";

    private static string Row(IReadOnlyList<string> header, params (string Column, string Value)[] values) =>
        string.Join(',', header.Select(h => values.FirstOrDefault(v => v.Column == h).Value is { } v ? Quote(v) : string.Empty));

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
