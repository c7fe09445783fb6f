using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Ninsho.Core;
using Ninsho.Core.Messages;
using Ninsho.Core.Security;
using Ninsho.Server.Endpoints;
using Ninsho.Server.Messaging;
using Ninsho.Server.WebConsole;
using Ninsho.Storage;
using Ninsho.Storage.PostgreSql;
using Ninsho.Storage.Sqlite;

namespace Ninsho.Server.Hosting;

/// <summary>Builds one Ninsho node: storage, Cognito logic and the HTTP surfaces.</summary>
public static partial class NinshoHost
{
    /// <summary>Builds the app and initialises (migrates) its storage; call StartAsync to listen.</summary>
    public static async Task<WebApplication> BuildAsync(NinshoServerOptions options, CancellationToken ct)
    {
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        // Start-up (bench/cold-start.py): the empty builder reads no appsettings files (no JSON configuration, and so
        // no reload watcher waking on every database write), and Kestrel comes without HTTPS and HTTP/3 (QUIC), which
        // Ninsho never listens on.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        StartupTrace.Mark("host builder created");
        RequestLog.Configure(builder.Logging.SetMinimumLevel(LogLevel.Warning), options.LogFormat);
        if (options.TestLoggerProvider is { } testLogger)
        {
            builder.Logging.AddProvider(testLogger);
        }


        // The hosting layer logs only request start/finish (Information/Debug), but while any level of its category
        // is on it opens a log scope for every request; off, that per-request work goes away. Errors are still
        // logged by Kestrel and by the dispatcher.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddRoutingCore();
        builder.Services.AddNinshoHealthChecks();
        Telemetry.Add(builder, options);

        // SIGTERM (or Ctrl+C): Kestrel stops accepting, in-flight requests get this long to finish, then the process
        // exits 0 (docs/operations.md).
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        // --tls-cert/--tls-key: HTTPS on the one port, HTTP/1.1 and HTTP/2 (chosen by ALPN); see docs/operations.md.
        var certificate = options.TlsCertificatePath is { } certPath
            ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certPath, options.TlsKeyPath)
            : null;
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AwsJsonDispatcher.DrainLimit + 1;
            if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(options.Port, listen => UseTls(listen, certificate));
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port, listen => UseTls(listen, certificate));
            }
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => Telemetry.Instrument(CreateStorage(options), options));
        builder.Services.AddSingleton<IIssuerUrls, ServerIssuerUrls>();
        var clock = new ServerClock(options.Clock ?? TimeProvider.System);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);

        LogDelivery.LogDeliveryServices.Add(builder.Services, options.LogDestinations);
        if (options.Smtp is { } smtp)
        {
            AddSmtp(builder.Services, smtp);
        }

        builder.Services.AddNinshoCore(new NinshoCoreOptions
        {
            PasswordHashIterations = options.EffectivePasswordHashIterations,
            PasswordHashQueue = options.PasswordHashQueue,
            DefaultRegion = options.DefaultRegion,
            AccountId = options.AccountId,
            StsEndpoint = options.StsEndpointUri,
            LambdaEndpoint = options.LambdaEndpointUri,
            TriggerWebhooks = options.TriggerWebhooks.ToDictionary(w => w.Key, w => new Uri(w.Value), StringComparer.Ordinal),
            FederationEndpoints = options.FederationEndpoints.ToDictionary(f => f.Key, f => new Uri(f.Value), StringComparer.Ordinal),
            LambdaCredentials = LambdaCredentials(),
            OutboxRetention = options.OutboxRetention,
            KeyRefreshInterval = options.KeyRefreshInterval,
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ICallerPresence, SocketCallerPresence>();
        builder.Services.AddSingleton<AwsJsonDispatcher>();
        builder.Services.AddSingleton<Seed.OperationInvoker>();
        builder.Services.AddSingleton<Seed.SeedRunner>();
        WebConsole.ConsoleEndpoints.AddConsole(builder.Services, builder.Logging);
        builder.Services.AddCors(cors => cors.AddPolicy(BrowserCors.Policy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .WithMethods("POST", "GET")
            .WithExposedHeaders("x-amzn-RequestId", "x-amzn-ErrorType", "x-amzn-ErrorMessage")));

        var app = builder.Build();
        StartupTrace.Mark("host built");
        try
        {
            await app.Services.GetRequiredService<INinshoStorage>().InitializeAsync(ct);
        }
        catch (DatabaseSchemaTooNewException e)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NinshoHost));
            LogSchemaTooNew(logger, e);
            await app.DisposeAsync(); // flushes the console logger
            throw;
        }

        StartupTrace.Mark("storage migrated");
        try
        {
            if (await app.Services.GetRequiredService<Seed.SeedRunner>().ApplyAsync(ct) is { } report)
            {
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NinshoHost));
                foreach (var difference in report.Differences)
                {
                    LogSeedDifference(logger, difference);
                }

                StartupTrace.Mark("seed applied");
            }
        }
        catch (Seed.SeedException)
        {
            await app.DisposeAsync();
            throw;
        }

        if (options.TestRemoteAddress is { } remote)
        {
            app.Use((http, next) =>
            {
                http.Connection.RemoteIpAddress = remote;
                return next(http);
            });
        }

        app.UseRequestIds();
        app.UseRequestLog();
        app.UseWhen(http => BrowserCors.Applies(http.Request.Path), BrowserCors.Use);
        app.UseAwsJsonApi();
        app.UseDatabaseFaultAnswers();
        app.UseRouting();
        app.UseRouteMetrics(options);
        OperatorAccess.Install(app);
        app.MapWellKnown();
        app.MapOutbox();
        app.MapKeys();
        app.MapTriggerInvocations();
        app.MapTestControl();
        app.MapOAuth();
        app.MapHostedUi();
        app.MapFederation();
        app.MapUserImport();
        app.MapUICustomizationImages();
        app.MapNinshoHealth();
        app.MapConsole();
        Telemetry.MapMetrics(app);
        return app;
    }

    /// <summary>Email through SMTP, registered before Ninsho.Core so that it replaces the outbox-only sender
    /// (which Core adds only when no sender is registered).</summary>
    private static void AddSmtp(IServiceCollection services, SmtpOptions smtp)
    {
        services.AddSingleton(smtp);
        services.AddSingleton<OutboxMessageSender>();
        services.AddSingleton<EmailBacklog>();
        services.AddSingleton<IMessageSender, SmtpMessageSender>();
        services.AddHostedService<SmtpDeliveryService>();
    }

    private static void UseTls(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        if (certificate is not null)
        {
            listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
            _ = listen.UseHttps(certificate);
        }
    }

    /// <summary>The credentials trigger Invoke calls are signed with: the standard AWS environment variables, else
    /// fixed dummy ones (local Lambda hosts accept any; docs/triggers.md).</summary>
    private static Ninsho.Core.Signing.AwsSigningCredentials LambdaCredentials() =>
        Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is { Length: > 0 } key
        && Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret
            ? new(key, secret, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null)
            : new("ninsho", "ninsho-local-lambda-secret", null);

    /// <summary>The first address the started app listens on.</summary>
    public static string ListeningUrl(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(unknown)";

    /// <summary>PostgreSQL when a connection string is given (several stateless nodes may share it),
    /// otherwise the embedded SQLite file in the data folder.</summary>
    internal static INinshoStorage CreateStorage(NinshoServerOptions options)
    {
        if (options.PostgresConnectionString is { Length: > 0 } postgres)
        {
            return new PostgreSqlNinshoStorage(postgres);
        }

        Directory.CreateDirectory(options.DataDirectory);
        return new SqliteNinshoStorage(Path.Combine(options.DataDirectory, "ninsho.db"), options.SqliteSynchronous);
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Seed: {Difference}")]
    private static partial void LogSeedDifference(ILogger logger, string difference);

    private static void LogSchemaTooNew(ILogger logger, DatabaseSchemaTooNewException e) => LogRefused(logger, e.Message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);
}
