namespace Ninsho.Server.Messaging;

/// <summary>How the connection to the SMTP server is secured (<c>--smtp-tls</c>).</summary>
public enum SmtpTls
{
    /// <summary><c>none</c>: plain SMTP (a local relay or a test sink).</summary>
    None,

    /// <summary><c>starttls</c>: plain connect, then STARTTLS, which must be offered (usually port 587).</summary>
    StartTls,

    /// <summary><c>tls</c>: TLS from the first byte ("SMTPS", usually port 465).</summary>
    Tls,
}
