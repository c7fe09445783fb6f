using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ninsho.Core.Features.HostedUi;
using Ninsho.Core.SignIn;
using Ninsho.Storage;

namespace Ninsho.Core.Features.Maintenance;

/// <summary>Deletes rows nothing can use any more, so that storage does not grow with every sign-in for ever:
/// refresh tokens a day after they expired, authorization codes once they expired (redeemed or not: a redeemed
/// code's row only serves to revoke its tokens if the code is presented again before it expires), the records
/// of answered SRP challenges once their SECRET_BLOCK can no longer be valid, and outbox messages (which hold codes
/// and temporary passwords in clear) an hour after what they carry expired, or
/// <see cref="NinshoCoreOptions.OutboxRetention"/> after they were sent when that is set. Every node
/// sweeps every <see cref="Interval"/>; with PostgreSQL, nodes sweeping at once only delete the same rows twice
/// (the second finds none). Each store deletes in batches, so a large backlog never holds the write lock for long.
/// Pending passkey registrations need no sweep: a user has at most one, and it goes with the user.</summary>
public sealed class ExpiredRowSweeper(INinshoStorage storage, TimeProvider clock, NinshoCoreOptions options, ILogger<ExpiredRowSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>A refresh token's row outlives its expiry by this much: an access token minted from it just before
    /// it expired lives up to a day (the longest AccessTokenValidity), and if the refresh token was revoked, its row
    /// is what keeps that access token refused (the origin_jti check). Deleting it sooner would revive the token.</summary>
    public static readonly TimeSpan RefreshTokenRetention = TimeSpan.FromDays(1);

    /// <summary>An outbox message outlives the code it carries by this much, so that a developer who was slow to read
    /// it can still see why the code was refused; then the secret goes.</summary>
    public static readonly TimeSpan OutboxMargin = TimeSpan.FromHours(1);

    /// <summary>Deletes what has expired by now; returns the refresh tokens, the authorization codes, the records of
    /// answered SRP challenges and the outbox messages deleted.</summary>
    public async Task<(int RefreshTokens, int AuthorizationCodes, int SrpAnswers, int Messages)> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var tokens = await storage.RefreshTokens.PurgeExpiredAsync(now - RefreshTokenRetention, ct);
        var codes = await storage.PoolResources.DeleteCreatedBeforeAsync(AuthorizationCodes.Kind, now - AuthorizationCodes.Lifetime, ct);
        var answers = await storage.PoolResources.DeleteCreatedBeforeAsync(SrpAnswers.Kind, now - SrpAnswers.Retention, ct);
        // A hosted-UI session ended by /logout can be forgotten once every cookie it stops has expired.
        _ = await storage.PoolResources.DeleteCreatedBeforeAsync(HostedUiSessions.EndedKind, now - HostedUiSessions.Lifetime, ct);
        // A used SAML assertion id can be forgotten once no assertion could be accepted with it.
        _ = await storage.PoolResources.DeleteCreatedBeforeAsync(Federation.Saml.SamlSignIn.UsedAssertionKind, now - Federation.Saml.SamlSignIn.UsedAssertionRetention, ct);
        var messages = options.OutboxRetention is { } retention
            ? await storage.Outbox.PurgeAsync(DateTimeOffset.UnixEpoch, now - retention, ct)
            : await storage.Outbox.PurgeAsync(now - OutboxMargin, DateTimeOffset.UnixEpoch, ct);
        return (tokens, codes, answers, messages);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The first sweep waits a whole interval too: it must not compete with start-up for the CPU.
                await Task.Delay(Interval, clock, stoppingToken);
                var (tokens, codes, answers, messages) = await SweepAsync(stoppingToken);
                if (tokens + codes + answers + messages > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation(
                        "Swept {RefreshTokens} expired refresh tokens, {AuthorizationCodes} expired authorization codes, {SrpAnswers} answered SRP challenges and {Messages} outbox messages.",
                        tokens, codes, answers, messages);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A storage outage must not stop the sweeps for good; the next interval tries again.
                logger.LogWarning(e, "Sweeping expired rows failed; retrying in {Interval}.", Interval);
            }
        }
    }
}
