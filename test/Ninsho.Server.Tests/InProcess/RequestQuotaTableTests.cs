using System.Collections.Frozen;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Protocol.Dispatch;
using Ninsho.Protocol.Identity;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Server.Quotas;

namespace Ninsho.Server.Tests;

/// <summary>The quota table against the models, and <see cref="RequestQuotas"/> on a fake clock
/// (docs/compatibility-quotas.md).</summary>
public sealed class RequestQuotaTableTests
{
    private const string Idp = IdentityProviderOperations.TargetPrefix + ".";
    private const string Identity = IdentityOperations.TargetPrefix + ".";

    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Every_cognito_idp_operation_has_a_quota_category_or_is_marked_unthrottled() =>
        AssertCovers(IdentityProviderOperations.ByTarget, CognitoQuotaTable.UserPoolOperations);

    [Fact]
    public void Every_cognito_identity_operation_has_a_quota_or_is_marked_unthrottled() =>
        AssertCovers(IdentityOperations.ByTarget, CognitoQuotaTable.IdentityPoolOperations);

    [Fact]
    public void Admits_one_seconds_quota_at_once_then_as_fast_as_it_refills()
    {
        var quotas = new RequestQuotas(_clock);
        const string Describe = """{"UserPoolId":"us-east-1_aaaaaaaaa"}""";

        Assert.Equal(15, Admitted(quotas, Idp + "DescribeUserPool", Describe, 100));
        Assert.False(Admit(quotas, Idp + "ListUserPools", "{}"), "ListUserPools shares UserPoolRead with DescribeUserPool");

        _clock.Advance(TimeSpan.FromMilliseconds(70)); // a little over 1/15 s: one token
        Assert.Equal(1, Admitted(quotas, Idp + "DescribeUserPool", Describe, 100));

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(15, Admitted(quotas, Idp + "DescribeUserPool", Describe, 100));
    }

    [Fact]
    public void Challenge_responses_have_three_times_UserAuthentication_then_draw_on_it()
    {
        var quotas = new RequestQuotas(_clock);
        const string Mfa = """{"ClientId":"c","ChallengeName":"SMS_MFA","Session":"s"}""";

        Assert.Equal(360 + 120, Admitted(quotas, Idp + "RespondToAuthChallenge", Mfa, 1000));
        Assert.False(Admit(quotas, Idp + "InitiateAuth", """{"ClientId":"c","AuthFlow":"USER_PASSWORD_AUTH"}"""));
        Assert.False(Admit(quotas, Idp + "AdminRespondToAuthChallenge", """{"UserPoolId":"p","ClientId":"c","ChallengeName":"SMS_MFA"}"""));
    }

    [Fact]
    public void New_password_responses_count_toward_UserAccountRecovery()
    {
        var quotas = new RequestQuotas(_clock);
        const string NewPassword = """{"ClientId":"c","Session":"s","ChallengeName":"NEW_PASSWORD_REQUIRED"}""";

        Assert.Equal(30, Admitted(quotas, Idp + "RespondToAuthChallenge", NewPassword, 100));
        Assert.False(Admit(quotas, Idp + "ForgotPassword", """{"ClientId":"c","Username":"u"}"""));
        Assert.True(Admit(quotas, Idp + "InitiateAuth", """{"ClientId":"c"}"""));
    }

    [Fact]
    public void Caps_each_operation_per_pool_within_the_categorys_account_quota()
    {
        var quotas = new RequestQuotas(_clock);

        Assert.Equal(5, Admitted(quotas, Idp + "ListGroups", """{"UserPoolId":"us-east-1_one"}""", 100));
        Assert.Equal(5, Admitted(quotas, Idp + "GetGroup", """{"GroupName":"g","UserPoolId":"us-east-1_one"}""", 100));
        Assert.Equal(5, Admitted(quotas, Idp + "ListTagsForResource",
            """{"ResourceArn":"arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_one"}""", 100));
        Assert.Equal(5, Admitted(quotas, Idp + "ListGroups", """{"UserPoolId":"us-east-1_two"}""", 100));

        // UserPoolResourceRead allows 20 per second over all pools: the 21st is refused in a fresh pool too.
        Assert.False(Admit(quotas, Idp + "ListGroups", """{"UserPoolId":"us-east-1_three"}"""));
    }

    [Fact]
    public void A_request_whose_pool_is_unknown_counts_only_toward_its_category()
    {
        var quotas = new RequestQuotas(_clock);

        // DescribeUserPoolDomain names a domain, not a pool; a body that is not JSON names nothing.
        Assert.Equal(20, Admitted(quotas, Idp + "DescribeUserPoolDomain", """{"Domain":"d"}""", 100));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(20, Admitted(quotas, Idp + "ListGroups", "not json", 100));
    }

    [Fact]
    public void Identity_pool_operations_each_have_their_own_quota()
    {
        var quotas = new RequestQuotas(_clock);

        Assert.Equal(5, Admitted(quotas, Identity + "ListIdentities", """{"IdentityPoolId":"x","MaxResults":1}""", 100));
        Assert.Equal(25, Admitted(quotas, Identity + "GetId", """{"IdentityPoolId":"x"}""", 100));
        Assert.Equal(5, Admitted(quotas, Identity + "TagResource", "{}", 100));
        Assert.Equal(5, Admitted(quotas, Idp + "TagResource", """{"ResourceArn":"arn:aws:cognito-idp:us-east-1:0:userpool/us-east-1_one"}""", 100));
    }

    [Fact]
    public void Operations_without_a_documented_quota_are_never_refused()
    {
        var quotas = new RequestQuotas(_clock);

        Assert.Equal(1000, Admitted(quotas, Idp + "CreateTerms", """{"UserPoolId":"p"}""", 1000));
        Assert.Equal(1000, Admitted(quotas, Identity + "DescribeIdentityPool", """{"IdentityPoolId":"x"}""", 1000));
        Assert.Equal(1000, Admitted(quotas, "NoSuchService.NoSuchOperation", "{}", 1000));
    }

    [Fact]
    public void Forgets_full_per_pool_buckets_so_many_pool_ids_do_not_pile_up()
    {
        var quotas = new RequestQuotas(_clock);
        for (var i = 1; i < RequestQuotas.SweepEvery; i++)
        {
            _ = Admit(quotas, Idp + "ListGroups", $$"""{"UserPoolId":"us-east-1_{{i}}"}""");
        }

        Assert.Equal(RequestQuotas.SweepEvery - 1, quotas.PoolBucketCount);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Admit(quotas, Idp + "ListGroups", """{"UserPoolId":"us-east-1_last"}"""));
        Assert.Equal(1, quotas.PoolBucketCount);
    }

    private static void AssertCovers(FrozenDictionary<string, OperationDescriptor> model, FrozenDictionary<string, QuotaCategory?> table)
    {
        var operations = model.Values.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var unmapped = operations.Where(o => !table.ContainsKey(o)).Order(StringComparer.Ordinal).ToList();
        var unknown = table.Keys.Where(o => !operations.Contains(o)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unmapped.Count == 0, $"Operations missing from CognitoQuotaTable (give each its category or Unthrottled): {string.Join(", ", unmapped)}");
        Assert.True(unknown.Count == 0, $"CognitoQuotaTable names operations the model lacks: {string.Join(", ", unknown)}");
    }

    private static bool Admit(RequestQuotas quotas, string target, string body) =>
        quotas.TryAdmit(target, System.Text.Encoding.UTF8.GetBytes(body));

    private static int Admitted(RequestQuotas quotas, string target, string body, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => Admit(quotas, target, body));
}
