using System.Text.RegularExpressions;
using Ninsho.Core.Security;
using Xunit;

namespace Ninsho.UnitTests.Security;

public sealed class PasswordHasherTests
{
    // Low cost keeps the suite fast; one test below exercises the default.
    private static readonly PasswordHasher Cheap = new(new PasswordHasherOptions { Iterations = 1_000 });

    [Fact]
    public void Default_cost_is_OWASPs_600000_iterations()
    {
        Assert.Equal(600_000, new PasswordHasherOptions().Iterations);
        var hash = new PasswordHasher().Hash("Passw0rd!");
        Assert.StartsWith("$pbkdf2-sha256$i=600000$", hash, StringComparison.Ordinal);
        Assert.True(new PasswordHasher().Verify("Passw0rd!", hash));
    }

    [Fact]
    public void Hash_is_self_describing_with_16_byte_salt_and_32_byte_hash()
    {
        var hash = Cheap.Hash("Passw0rd!");
        // 16 bytes → 22 Base64 chars, 32 bytes → 43 chars, no padding.
        Assert.Matches(new Regex(@"^\$pbkdf2-sha256\$i=1000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$"), hash);
    }

    [Fact]
    public void Verifies_the_right_password_and_rejects_a_wrong_one()
    {
        var hash = Cheap.Hash("Passw0rd!");
        Assert.True(Cheap.Verify("Passw0rd!", hash));
        Assert.False(Cheap.Verify("Passw0rd?", hash));
        Assert.False(Cheap.Verify("passw0rd!", hash));
        Assert.False(Cheap.Verify("", hash));
    }

    [Fact]
    public void Same_password_gets_a_different_salt_each_time()
    {
        Assert.NotEqual(Cheap.Hash("Passw0rd!"), Cheap.Hash("Passw0rd!"));
    }

    [Fact]
    public void Non_ascii_passwords_round_trip()
    {
        var hash = Cheap.Hash("パスワードAa1!");
        Assert.True(Cheap.Verify("パスワードAa1!", hash));
        Assert.False(Cheap.Verify("パスワードAa1?", hash));
    }

    [Fact]
    public void Matches_the_RFC_7914_PBKDF2_HMAC_SHA256_vector()
    {
        // P="passwd", S="salt", c=1: first 32 bytes of the RFC 7914 §11 output.
        var salt = Convert.ToBase64String("salt"u8).TrimEnd('=');
        var expected = Convert.ToBase64String(Convert.FromHexString("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")).TrimEnd('=');
        var hash = $"$pbkdf2-sha256$i=1${salt}${expected}";
        Assert.True(Cheap.Verify("passwd", hash));
        Assert.False(Cheap.Verify("passwe", hash));
    }

    [Fact]
    public void Cost_changes_do_not_break_old_hashes()
    {
        var old = Cheap.Hash("Passw0rd!");
        var stronger = new PasswordHasher(new PasswordHasherOptions { Iterations = 2_000 });
        Assert.True(stronger.Verify("Passw0rd!", old));
        Assert.True(stronger.NeedsRehash(old));
        Assert.False(stronger.NeedsRehash(stronger.Hash("Passw0rd!")));
    }

    [Fact]
    public void NeedsRehash_is_false_at_the_configured_cost_and_true_one_below()
    {
        var atCost = new PasswordHasher(new PasswordHasherOptions { Iterations = 1_000 });
        var below = new PasswordHasher(new PasswordHasherOptions { Iterations = 999 });
        var above = new PasswordHasher(new PasswordHasherOptions { Iterations = 1_001 });
        Assert.False(atCost.NeedsRehash(atCost.Hash("x")));
        Assert.True(atCost.NeedsRehash(below.Hash("x")));
        Assert.False(atCost.NeedsRehash(above.Hash("x")));
    }

    [Fact]
    public void NeedsRehash_is_true_for_a_foreign_salt_size()
    {
        var salt = Convert.ToBase64String("salt"u8).TrimEnd('=');
        var hash = Convert.ToBase64String(new byte[32]).TrimEnd('=');
        Assert.True(Cheap.NeedsRehash($"$pbkdf2-sha256$i=1000${salt}${hash}"));
    }

    public static TheoryData<string?> Garbled => new(
        null,
        "",
        "plaintext",
        "$pbkdf2-sha256$",
        "$pbkdf2-sha256$i=1000$",
        "$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA$",
        "$pbkdf2-sha256$i=$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=-5$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=+5$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=abc$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=99999999999$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=10000001$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=1000$!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA$not*base64",
        "$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$extra",
        "$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "$pbkdf2-sha256$i=1000$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
        "$pbkdf2-sha512$i=1000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "AQAAAAIAAYagAAAAEJ1bq5Ftc0hP1t6nYgkfKVk5bO8DUxMUkiPxNdNqVtuAPG8lGYlEy7rLRAQgpnt3Tw==");

    [Theory]
    [MemberData(nameof(Garbled))]
    public void Garbled_hashes_are_false_never_an_exception(string? hash)
    {
        Assert.False(Cheap.Verify("Passw0rd!", hash!));
        Assert.False(Cheap.NeedsRehash(hash!));
    }

    [Fact]
    public void Overlong_hash_string_is_rejected_before_any_work()
    {
        Assert.False(Cheap.Verify("x", "$pbkdf2-sha256$i=1$" + new string('A', 300) + "$AAAAAAAAAAAAAAAAAAAAAA"));
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(new PasswordHasherOptions { Iterations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordHasher(new PasswordHasherOptions { Iterations = 10_000_001 }));
        _ = new PasswordHasher(new PasswordHasherOptions { Iterations = 1 });
        _ = new PasswordHasher(new PasswordHasherOptions { Iterations = 10_000_000 });
    }
}
