using MimeKit;

namespace Ninsho.Server.Messaging;

/// <summary>Where email goes when real delivery is on (<c>--smtp-host</c> and friends).</summary>
public sealed record SmtpOptions
{
    public required string Host { get; init; }

    /// <summary>The port; null picks the usual one for <see cref="Tls"/> (465 for tls, 587 for starttls, 25 for none).</summary>
    public int? Port { get; init; }

    public SmtpTls Tls { get; init; } = SmtpTls.StartTls;

    /// <summary>The user to authenticate as; no AUTH when null.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The From address, e.g. <c>no-reply@example.com</c> or <c>"My app" &lt;no-reply@example.com&gt;</c>.</summary>
    public required string From { get; init; }

    public int EffectivePort => Port ?? Tls switch
    {
        SmtpTls.Tls => 465,
        SmtpTls.StartTls => 587,
        _ => 25,
    };

    /// <summary>Parses <c>none</c>, <c>starttls</c> or <c>tls</c>; null for anything else.</summary>
    public static SmtpTls? ParseTls(string? value) => value?.ToLowerInvariant() switch
    {
        "none" => SmtpTls.None,
        "starttls" or null or "" => SmtpTls.StartTls,
        "tls" => SmtpTls.Tls,
        _ => null,
    };

    /// <summary>The reason these settings cannot be used, or null when they can.</summary>
    public string? Problem()
    {
        if (EffectivePort is < 1 or > 65535)
        {
            return "--smtp-port must be 1-65535";
        }

        if (!MailboxAddress.TryParse(From, out _))
        {
            return $"--smtp-from must be an email address (e.g. no-reply@example.com), not '{From}'";
        }

        return (User is null) != (Password is null) ? "--smtp-user and --smtp-password go together" : null;
    }

    /// <summary>Keeps the password out of <c>ToString()</c> and so out of logs.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        _ = builder.Append("Host = ").Append(Host)
            .Append(", Port = ").Append(EffectivePort)
            .Append(", Tls = ").Append(Tls)
            .Append(", User = ").Append(User)
            .Append(", Password = ***, From = ").Append(From);
        return true;
    }
}
