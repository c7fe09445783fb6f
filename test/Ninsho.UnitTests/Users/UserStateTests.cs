using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Messages;
using Ninsho.Core.Serialization;
using Ninsho.Core.Users;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;
using Xunit;

namespace Ninsho.UnitTests.Users;

/// <summary>UserState reads the ExtraJson that the per-key helpers wrote before it (Fixtures/, made by
/// the per-key helpers of commit 6000a0f, GenFixtures.cs there) and writes it back with the same meaning.</summary>
public sealed class UserStateTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Users", "Fixtures", name));

    [Fact]
    public void Reads_every_part_of_todays_json()
    {
        var state = UserState.Read(Fixture("everything.json"));

        Assert.Equal("0a1b2c3d4e5f60718293a4b5c6d7e8f9", state.Srp?.Salt);
        Assert.Equal("5d41402abc4b2a76b9719d911017c592", state.Srp?.Verifier);
        Assert.Equal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", state.Mfa.TotpSecret);
        Assert.Equal("KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU", state.Mfa.PendingTotpSecret);
        Assert.Equal(59_000_000, state.Mfa.TotpLastStep);
        Assert.Equal("phone", state.Mfa.TotpDeviceName);
        Assert.Equal(ChallengeNameType.SOFTWARE_TOKEN_MFA, state.Mfa.Preferred);
        Assert.Equal(3, state.Mfa.Completions);
        Assert.Equal([ChallengeNameType.SMS_MFA, ChallengeNameType.SOFTWARE_TOKEN_MFA], state.Mfa.EnabledFactors());
        Assert.Equal("phone_number", Assert.Single(state.Mfa.MfaOptions!).AttributeName);
        Assert.Equal("new@example.com", state.PendingAttributes?["email"]);
        Assert.Equal("+15550100", state.PendingAttributes?["phone_number"]);
        Assert.Equal([1795435200000, 1795435260000], state.CodeRequests!["forgot"]);
        Assert.Equal([1795435260000], state.CodeRequests!["verify:email"]);
        Assert.Equal(3, state.Codes?.Count);
        var challenge = state.Codes!["challenge:EMAIL_OTP"];
        Assert.Equal("20e397731c2fa926405d96c3bda36ea672bd3bb75769e5854978f8d70704f127", challenge.Hash);
        Assert.Equal(1795435440000, challenge.Expires);
        Assert.Equal(1, challenge.Attempts);
        Assert.Null(state.Unknown);
    }

    [Theory]
    [InlineData("everything.json")]
    [InlineData("spent.json")]
    [InlineData("srp-only.json")]
    [InlineData("newer-version.json")]
    public void Writes_back_todays_json_with_the_same_keys_and_shapes(string name)
    {
        var before = Fixture(name);

        var after = UserState.Read(before).Write();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(before), JsonNode.Parse(after)), after);
    }

    [Fact]
    public void Keeps_what_a_newer_version_wrote_through_a_change()
    {
        var codes = new OneTimeCodes(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));
        var state = UserState.Read(Fixture("newer-version.json"));

        var (_, changed) = codes.Issue(state with { Mfa = state.Mfa with { Completions = 4 } }, OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);
        var written = JsonNode.Parse(changed.Write())!.AsObject();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"credentials":[{"id":"cred-1","signCount":7}]}"""), written["webauthn"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["dev-1","dev-2"]"""), written["devices"]));
        Assert.True(written["mfa"]!["PasskeyPreferred"]!.GetValue<bool>());
        Assert.Equal(4, written["mfa"]!["Completions"]!.GetValue<long>());
        Assert.NotNull(written["codes"]!["signup"]);
        Assert.NotNull(written["codes"]!["forgot"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    public void Reads_nothing_as_an_empty_state_and_writes_it_as_an_empty_object(string? json)
    {
        var state = UserState.Read(json);

        Assert.Null(state.Srp);
        Assert.Empty(state.Mfa.EnabledFactors());
        Assert.Null(state.Codes);
        Assert.Equal("{}", state.Write());
    }

    [Theory]
    [InlineData("everything.json")]
    [InlineData("spent.json")]
    [InlineData("srp-only.json")]
    [InlineData("newer-version.json")]
    [InlineData("")]
    [InlineData("{}")]
    public void ReadMfa_reads_the_same_mfa_as_the_whole_state(string name)
    {
        var json = name.EndsWith(".json", StringComparison.Ordinal) ? Fixture(name) : name;
        var user = new StoredUser
        {
            UserPoolId = "pool",
            Username = "u",
            UsernameKey = "u",
            Sub = "s",
            Status = "CONFIRMED",
            Enabled = true,
            CreatedAt = DateTimeOffset.UnixEpoch,
            ModifiedAt = DateTimeOffset.UnixEpoch,
            Attributes = new Dictionary<string, string>(),
            ExtraJson = json,
        };
        var type = CoreJsonContext.Default.UserMfaState;

        var whole = JsonSerializer.Serialize(UserState.Read(json).Mfa, type);
        Assert.Equal(whole, JsonSerializer.Serialize(UserState.ReadMfa(user), type));
        if (name == "everything.json")
        {
            // Something to compare: a TOTP secret, factors, a preference.
            Assert.NotEqual(JsonSerializer.Serialize(new UserMfaState(), type), whole);
        }
    }
}
