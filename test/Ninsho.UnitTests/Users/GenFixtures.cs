using Microsoft.Extensions.Time.Testing;
using Ninsho.Core.Features.Messages;
using Ninsho.Core.Features.Mfa;
using Ninsho.Core.Features.Users;
using Ninsho.Core.Security.Srp;
using Ninsho.Protocol.IdentityProvider;
using Ninsho.Storage;
using Xunit;

namespace Ninsho.UnitTests.Users;

/// <summary>Wrote Fixtures/*.json with the per-key ExtraJson helpers as they were before UserState (newer-version.json
/// is everything.json plus keys a later version might add). Explicit: run only by hand, with FIXTURE_OUT set.</summary>
public sealed class GenFixtures
{
    [Fact(Explicit = true)]
    public void Gen()
    {
        var dir = Environment.GetEnvironmentVariable("FIXTURE_OUT")!;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var codes = new OneTimeCodes(clock);
        var srp = new SrpCredential("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "5d41402abc4b2a76b9719d911017c592");

        // 1. A user just created with a password: only srp.
        var created = UserSrpVerifier.Write(null, srp);
        File.WriteAllText(Path.Combine(dir, "srp-only.json"), created);

        // 2. Everything at once.
        var json = UserSrpVerifier.Write(null, srp);
        json = UserMfaState.Write(json, new UserMfaState
        {
            TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
            PendingTotpSecret = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
            TotpLastStep = 59_000_000,
            TotpDeviceName = "phone",
            SmsEnabled = true,
            TotpEnabled = true,
            EmailEnabled = false,
            Preferred = ChallengeNameType.SOFTWARE_TOKEN_MFA,
            MfaOptions = [new MFAOptionType { DeliveryMedium = DeliveryMediumType.SMS, AttributeName = "phone_number" }],
            Completions = 3,
        });
        json = PendingAttributes.Record(json, [new AttributeType { Name = "email", Value = "new@example.com" }, new AttributeType { Name = "phone_number", Value = "+15550100" }],
            new Dictionary<string, string> { ["email"] = "new@example.com", ["phone_number"] = "+15550100" })!;
        json = CodeRequestLimit.Count(json, OneTimeCodes.ForgotPassword, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(1));
        json = CodeRequestLimit.Count(json, OneTimeCodes.ForgotPassword, clock.GetUtcNow());
        json = CodeRequestLimit.Count(json, OneTimeCodes.Verify("email"), clock.GetUtcNow());
        (_, json) = codes.Issue(json, OneTimeCodes.ForgotPassword, OneTimeCodes.ForgotPasswordValidity);
        (_, json) = codes.Issue(json, OneTimeCodes.Verify("email"), OneTimeCodes.SignUpValidity);
        (_, json) = codes.Issue(json, "challenge:EMAIL_OTP", TimeSpan.FromMinutes(3));
        (_, json) = codes.Check(json, "challenge:EMAIL_OTP", "not-it");
        File.WriteAllText(Path.Combine(dir, "everything.json"), json);

        // 3. After codes and pending values were used: empty objects left behind.
        var used = UserMfaState.Write(null, new UserMfaState { SmsEnabled = true, MfaOptions = [new MFAOptionType { DeliveryMedium = "SMS", AttributeName = "phone_number" }] });
        var (code, c2) = codes.Issue(used, OneTimeCodes.SignUp, OneTimeCodes.SignUpValidity);
        (_, used) = codes.Check(c2, OneTimeCodes.SignUp, code);
        used = PendingAttributes.Record(used, [new AttributeType { Name = "email", Value = "a@b.c" }], new Dictionary<string, string> { ["email"] = "a@b.c" })!;
        var promoted = PendingAttributes.Promote(new StoredUser { UserPoolId = "p", Username = "u", UsernameKey = "u", Sub = "s", Status = "CONFIRMED", Enabled = true, CreatedAt = default, ModifiedAt = default, Attributes = new Dictionary<string, string> { ["email"] = "old@b.c" }, ExtraJson = used }, "email");
        File.WriteAllText(Path.Combine(dir, "spent.json"), promoted.ExtraJson!);
    }
}
