namespace Ninsho.Storage.Tests;

public abstract partial class StorageContractTests
{
    [Fact]
    public async Task Trigger_invocations_keep_every_field_and_list_by_pool_and_source_newest_last()
    {
        var pool1 = NewId("us-east-1_");
        var pool2 = NewId("us-east-1_");
        var ok = await Storage.TriggerInvocations.AddAsync(Invocation(pool1, "PreSignUp_SignUp"), 10, Ct);
        var failed = await Storage.TriggerInvocations.AddAsync(Invocation(pool1, "PreSignUp_AdminCreateUser") with
        {
            ResponseBody = null,
            ErrorType = "UnexpectedLambdaException",
            ErrorMessage = "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
        }, 10, Ct);
        var other = await Storage.TriggerInvocations.AddAsync(Invocation(pool2, "PreSignUp_SignUp"), 10, Ct);

        Assert.True(ok.Id > 0);
        Assert.True(failed.Id > ok.Id);
        Assert.Equal([ok, failed], await Storage.TriggerInvocations.ListAsync(pool1, null, 10, Ct));
        Assert.Equal([failed], await Storage.TriggerInvocations.ListAsync(pool1, "PreSignUp_AdminCreateUser", 10, Ct));
        Assert.Equal([failed], await Storage.TriggerInvocations.ListAsync(pool1, null, 1, Ct));
        Assert.Equal([other], await Storage.TriggerInvocations.ListAsync(pool2, null, 10, Ct));
        Assert.Contains(other, await (await OpenAsync()).TriggerInvocations.ListAsync(null, "PreSignUp_SignUp", 1000, Ct));
    }

    [Fact]
    public async Task Trigger_invocations_keep_only_the_newest_N_of_each_pool()
    {
        var pool = NewId("us-east-1_");
        var neighbour = NewId("us-east-1_");
        var kept = await Storage.TriggerInvocations.AddAsync(Invocation(neighbour, "PreSignUp_SignUp"), 2, Ct);
        var added = new List<StoredTriggerInvocation>();
        for (var i = 0; i < 5; i++)
        {
            added.Add(await Storage.TriggerInvocations.AddAsync(Invocation(pool, "PreSignUp_SignUp") with { DurationMs = i }, 3, Ct));
        }

        Assert.Equal(added[2..], await Storage.TriggerInvocations.ListAsync(pool, null, 100, Ct));
        Assert.Equal([kept], await Storage.TriggerInvocations.ListAsync(neighbour, null, 100, Ct));
    }

    private static StoredTriggerInvocation Invocation(string poolId, string source) => new()
    {
        UserPoolId = poolId,
        TriggerSource = source,
        FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up",
        Target = "http://127.0.0.1:9/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Apre-sign-up/invocations",
        EventJson = """{"version":"1","triggerSource":"PreSignUp_SignUp"}""",
        ResponseBody = """{"response":{"autoConfirmUser":true}}""",
        DurationMs = 12,
        CreatedAt = T0,
    };
}
