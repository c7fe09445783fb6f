using System.Text.Json;

namespace Ninsho.Server.Tests;

/// <summary>
/// admin-list-user-auth-events and admin-update-auth-event-feedback through the real CLI: sign-ins are recorded
/// (passed and failed) only in pools with threat protection (AdvancedSecurityMode AUDIT or ENFORCED), newest
/// first, paged; other pools answer UserPoolAddOnNotEnabledException.
/// </summary>
[Collection(SignInServer.Name)]
public sealed class AuthEventTests(NinshoServerFixture fixture)
{
    private AwsCli Cli => fixture.Cli;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_record_sign_ins_newest_first_when_the_pool_audits()
    {
        var ct = TestContext.Current.CancellationToken;
        var poolId = await Cli.CreatePoolAsync("auth-events", ct, "--user-pool-add-ons", "AdvancedSecurityMode=AUDIT");
        var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "kai", ct);
        _ = await Cli.CreateConfirmedUserAsync(poolId, "lea", ct);

        Assert.Empty(await ListAsync(poolId, "kai", ct));
        (await Cli.CognitoIdpAsync(ct,
            "initiate-auth", "--client-id", clientId, "--auth-flow", "USER_PASSWORD_AUTH",
            "--auth-parameters", "USERNAME=kai,PASSWORD=Wrong#Pass000"))
            .AssertError("NotAuthorizedException", "InitiateAuth", "Incorrect username or password.");
        _ = await Cli.SignInAsync(clientId, "kai", ct);
        (await Cli.CognitoIdpAsync(ct,
            "admin-initiate-auth", "--user-pool-id", poolId, "--client-id", clientId, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
            "--auth-parameters", $"USERNAME=kai,PASSWORD={CliSteps.Password}")).Ok();
        _ = await Cli.SignInAsync(clientId, "lea", ct);

        var events = await ListAsync(poolId, "kai", ct);
        Assert.Equal(["Pass", "Pass", "Fail"], events.Select(e => e.Str("EventResponse")));
        Assert.All(events, e =>
        {
            Assert.Equal("SignIn", e.Str("EventType"));
            Assert.Matches("^[0-9a-f-]{36}$", e.Str("EventId"));
            e.AssertEpochSeconds("CreationDate");
            var risk = e.Prop("EventRisk");
            Assert.Equal("NoRisk", risk.Str("RiskDecision"));
            risk.AssertFalse("CompromisedCredentialsDetected");
            Assert.Equal("127.0.0.1", e.Prop("EventContextData").Str("IpAddress"));
            var challenge = Assert.Single(e.Items("ChallengeResponses"));
            Assert.Equal("Password", challenge.Str("ChallengeName"));
            Assert.Equal(e.Str("EventResponse") == "Pass" ? "Success" : "Failure", challenge.Str("ChallengeResponse"));
            e.AssertMissing("EventFeedback");
        });
        Assert.Equal(3, events.Select(e => e.Str("EventId")).Distinct().Count());
        var dates = events.Select(e => e.Prop("CreationDate").GetDouble()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.Single(await ListAsync(poolId, "lea", ct));

        // One event a page (--page-size sets MaxResults): the CLI follows NextToken and gets the same list; without following, a token shows.
        var paged = (await Cli.CognitoIdpAsync(ct,
            "admin-list-user-auth-events", "--user-pool-id", poolId, "--username", "kai", "--page-size", "1")).Ok().Items("AuthEvents");
        Assert.Equal(events.Select(e => e.Str("EventId")), paged.Select(e => e.Str("EventId")));
        var first = (await Cli.CognitoIdpAsync(ct,
            "admin-list-user-auth-events", "--user-pool-id", poolId, "--username", "kai", "--max-results", "2", "--no-paginate")).Ok();
        Assert.Equal(2, first.Items("AuthEvents").Count);
        _ = first.Str("NextToken");

        // Feedback shows on the event.
        var failed = events[2].Str("EventId");
        (await Cli.CognitoIdpAsync(ct,
            "admin-update-auth-event-feedback", "--user-pool-id", poolId, "--username", "kai", "--event-id", failed,
            "--feedback-value", "Invalid")).OkEmpty();
        var feedback = (await ListAsync(poolId, "kai", ct))[2].Prop("EventFeedback");
        Assert.Equal("Invalid", feedback.Str("FeedbackValue"));
        Assert.Equal("Admin", feedback.Str("Provider"));
        feedback.AssertEpochSeconds("FeedbackDate");

        (await Cli.CognitoIdpAsync(ct, "admin-list-user-auth-events", "--user-pool-id", poolId, "--username", "ghost"))
            .AssertError("UserNotFoundException", "AdminListUserAuthEvents", "User does not exist.");
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Does_refuse_auth_events_when_the_pool_has_no_threat_protection()
    {
        var ct = TestContext.Current.CancellationToken;
        var plain = await Cli.CreatePoolAsync("no-add-ons", ct);
        var off = await Cli.CreatePoolAsync("add-ons-off", ct, "--user-pool-add-ons", "AdvancedSecurityMode=OFF");
        foreach (var poolId in new[] { plain, off })
        {
            var clientId = await Cli.CreatePasswordClientAsync(poolId, ct);
            _ = await Cli.CreateConfirmedUserAsync(poolId, "max", ct);
            _ = await Cli.SignInAsync(clientId, "max", ct);

            // The message is a guess; the type is the model's.
            (await Cli.CognitoIdpAsync(ct, "admin-list-user-auth-events", "--user-pool-id", poolId, "--username", "max"))
                .AssertErrorStartsWith("UserPoolAddOnNotEnabledException", "AdminListUserAuthEvents", "");
        }

        // Turning threat protection on later starts an empty history: nothing was recorded while it was off.
        (await Cli.CognitoIdpAsync(ct, "update-user-pool", "--user-pool-id", off, "--user-pool-add-ons", "AdvancedSecurityMode=ENFORCED")).OkEmpty();
        Assert.Empty(await ListAsync(off, "max", ct));
    }

    private async Task<IReadOnlyList<JsonElement>> ListAsync(string poolId, string username, CancellationToken ct) =>
        (await Cli.CognitoIdpAsync(ct, "admin-list-user-auth-events", "--user-pool-id", poolId, "--username", username))
            .Ok().Items("AuthEvents");
}
