using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ninsho.Core;
using Ninsho.Server.Backup;
using Ninsho.Server.Endpoints;
using Ninsho.Server.Hosting;
using Ninsho.Server.Messaging;
using Ninsho.Server.Quotas;
using Ninsho.Storage.PostgreSql;
using Ninsho.Storage.Sqlite;

namespace Ninsho.Server;

/// <summary>The <c>ninsho</c> command line.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static async Task<int> Main(string[] args)
    {
        StartupTrace.Mark("Main entered");
        var host = new Option<string>("--host") { Description = "Address to listen on (env NINSHO_HOST)", DefaultValueFactory = _ => Env("NINSHO_HOST") ?? "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (env NINSHO_PORT)", DefaultValueFactory = _ => EnvInt("NINSHO_PORT") ?? 9229 };
        var dataDir = new Option<string>("--data-dir") { Description = "Folder of the SQLite database (env NINSHO_DATA_DIR)", DefaultValueFactory = _ => Env("NINSHO_DATA_DIR") ?? ".ninsho" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string; replaces SQLite (env NINSHO_POSTGRES)", DefaultValueFactory = _ => Env("NINSHO_POSTGRES") };
        var synchronous = new Option<string>("--sqlite-synchronous")
        {
            Description = "SQLite commit durability: normal (default; a power loss may undo the last commits) or full (an fsync per commit) (env NINSHO_SQLITE_SYNCHRONOUS)",
            DefaultValueFactory = _ => Env("NINSHO_SQLITE_SYNCHRONOUS") ?? "normal",
        };
        var publicUrl = new Option<string?>("--public-url") { Description = "Public base URL of this server, and of token issuers unless --issuer aws (env NINSHO_PUBLIC_URL)", DefaultValueFactory = _ => Env("NINSHO_PUBLIC_URL") };
        var issuer = new Option<string>("--issuer")
        {
            Description = "The tokens' issuer: server (default, <public url>/<pool>) or aws (https://cognito-idp.<region>.amazonaws.com/<pool>, as Cognito's) (env NINSHO_ISSUER)",
            DefaultValueFactory = _ => Env("NINSHO_ISSUER") ?? "server",
        };
        var iterations = new Option<int>("--password-hash-iterations") { Description = "PBKDF2-SHA256 iterations (env NINSHO_PASSWORD_HASH_ITERATIONS)", DefaultValueFactory = _ => EnvInt("NINSHO_PASSWORD_HASH_ITERATIONS") ?? 600_000 };
        var hashQueue = new Option<int?>("--password-hash-queue")
        {
            Description = "Password hashes that may wait for a free core; more answer TooManyRequestsException (default 32 per core; env NINSHO_PASSWORD_HASH_QUEUE)",
            DefaultValueFactory = _ => EnvInt("NINSHO_PASSWORD_HASH_QUEUE"),
        };
        var fastHash = new Option<bool>("--insecure-fast-password-hash")
        {
            Description = "TEST ONLY: hash new passwords with 1 PBKDF2 iteration; loopback --host only (env NINSHO_INSECURE_FAST_PASSWORD_HASH=1)",
            DefaultValueFactory = _ => Env("NINSHO_INSECURE_FAST_PASSWORD_HASH") is "1" or "true",
        };
        var region = new Option<string>("--region") { Description = "Region for new pool ids when the request is unsigned (env NINSHO_REGION)", DefaultValueFactory = _ => Env("NINSHO_REGION") ?? "us-east-1" };
        var accountId = new Option<string>("--account-id") { Description = "The 12-digit account id in every ARN (env NINSHO_ACCOUNT_ID; default 000000000000)", DefaultValueFactory = _ => Env("NINSHO_ACCOUNT_ID") ?? "000000000000" };

        var stsEndpoint = new Option<string?>("--sts-endpoint")
        {
            Description = "Get identity pool credentials from this STS (AssumeRoleWithWebIdentity), e.g. moto's or LocalStack's; without it they are local look-alikes (env NINSHO_STS_ENDPOINT)",
            DefaultValueFactory = _ => Env("NINSHO_STS_ENDPOINT"),
        };

        var lambdaEndpoint = new Option<string?>("--lambda-endpoint")
        {
            Description = "Run the pools' Lambda triggers through this Lambda Invoke API, e.g. LocalStack's or sam local start-lambda's (env NINSHO_LAMBDA_ENDPOINT)",
            DefaultValueFactory = _ => Env("NINSHO_LAMBDA_ENDPOINT"),
        };
        var triggerWebhook = new Option<string[]>("--trigger-webhook")
        {
            Description = "FUNCTION=URL: send that function's trigger events (FUNCTION is its ARN or name) to URL as a JSON POST; repeatable (env NINSHO_TRIGGER_WEBHOOKS, comma-separated)",
            DefaultValueFactory = _ => Env("NINSHO_TRIGGER_WEBHOOKS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            AllowMultipleArgumentsPerToken = false,
        };

        var federationEndpoint = new Option<string[]>("--federation-endpoint")
        {
            Description = "TYPE=URL: send a social identity provider's calls (TYPE Google, Facebook, LoginWithAmazon or SignInWithApple) to a local stand-in at URL; repeatable (env NINSHO_FEDERATION_ENDPOINTS, comma-separated)",
            DefaultValueFactory = _ => Env("NINSHO_FEDERATION_ENDPOINTS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            AllowMultipleArgumentsPerToken = false,
        };

        var sigv4 = new Option<string?>("--sigv4-credentials") { Description = "Check SigV4 on admin operations against AKID:SECRET[,AKID:SECRET…] (env NINSHO_SIGV4_CREDENTIALS)", DefaultValueFactory = _ => Env("NINSHO_SIGV4_CREDENTIALS") };

        var adminToken = new Option<string?>("--admin-token")
        {
            Description = "Operator credential for the /_ninsho/ routes (outbox, import logs), sent as 'Authorization: Bearer TOKEN'; at least 16 characters (env NINSHO_ADMIN_TOKEN)",
            DefaultValueFactory = _ => Env("NINSHO_ADMIN_TOKEN"),
        };

        var outboxRetention = new Option<string>("--outbox-retention")
        {
            Description = "Delete outbox messages this long after they were sent, e.g. 30m, 12h, 7d; 'auto' keeps each until its code expired, plus an hour (env NINSHO_OUTBOX_RETENTION)",
            DefaultValueFactory = _ => Env("NINSHO_OUTBOX_RETENTION") ?? "auto",
        };

        var quotas = new Option<string>("--quotas")
        {
            Description = "cognito: answer TooManyRequestsException beyond Cognito's default request-rate quotas; off (default) (env NINSHO_QUOTAS)",
            DefaultValueFactory = _ => Env("NINSHO_QUOTAS") ?? "off",
        };

        var smtpHost = new Option<string?>("--smtp-host") { Description = "Send email through this SMTP server (env NINSHO_SMTP_HOST); messages are still kept in the outbox", DefaultValueFactory = _ => Env("NINSHO_SMTP_HOST") };
        var smtpPort = new Option<int?>("--smtp-port") { Description = "SMTP port; default 465 for tls, 587 for starttls, 25 for none (env NINSHO_SMTP_PORT)", DefaultValueFactory = _ => EnvInt("NINSHO_SMTP_PORT") };
        var smtpTls = new Option<string>("--smtp-tls") { Description = "none, starttls or tls (env NINSHO_SMTP_TLS)", DefaultValueFactory = _ => Env("NINSHO_SMTP_TLS") ?? "starttls" };
        var smtpUser = new Option<string?>("--smtp-user") { Description = "SMTP AUTH user (env NINSHO_SMTP_USER)", DefaultValueFactory = _ => Env("NINSHO_SMTP_USER") };
        var smtpPassword = new Option<string?>("--smtp-password") { Description = "SMTP AUTH password (env NINSHO_SMTP_PASSWORD)", DefaultValueFactory = _ => Env("NINSHO_SMTP_PASSWORD") };
        var smtpFrom = new Option<string?>("--smtp-from") { Description = "From address of emails, required with --smtp-host (env NINSHO_SMTP_FROM)", DefaultValueFactory = _ => Env("NINSHO_SMTP_FROM") };

        var seed = new Option<string?>("--seed")
        {
            Description = "A YAML or JSON seed file of user pools, clients, users and identity pools, applied at every start (env NINSHO_SEED)",
            DefaultValueFactory = _ => Env("NINSHO_SEED"),
        };

        var keyRefresh = KeyRefreshOption();
        var shutdownTimeout = new Option<int>("--shutdown-timeout")
        {
            Description = "Seconds in-flight requests may take to finish after SIGTERM before the server exits (default 10; env NINSHO_SHUTDOWN_TIMEOUT)",
            DefaultValueFactory = _ => EnvInt("NINSHO_SHUTDOWN_TIMEOUT") ?? 10,
        };

        var tlsCert = new Option<string?>("--tls-cert") { Description = "Serve HTTPS with this certificate (PEM file; with --tls-key) (env NINSHO_TLS_CERT)", DefaultValueFactory = _ => Env("NINSHO_TLS_CERT") };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The certificate's private key (PEM file) (env NINSHO_TLS_KEY)", DefaultValueFactory = _ => Env("NINSHO_TLS_KEY") };

        var logFormat = new Option<string>("--log-format")
        {
            Description = "text (default) or json: one JSON object per line, with a 'request' event per API call (env NINSHO_LOG_FORMAT)",
            DefaultValueFactory = _ => Env("NINSHO_LOG_FORMAT") ?? "text",
        };

        var metrics = new Option<bool>("--metrics")
        {
            Description = "Serve metrics for Prometheus at /metrics (loopback callers, or the operator credential when one is set) (env NINSHO_METRICS=1)",
            DefaultValueFactory = _ => Env("NINSHO_METRICS") is "1" or "true",
        };
        var otlpEndpoint = new Option<string?>("--otlp-endpoint")
        {
            Description = "Send metrics and traces by OTLP/HTTP to this base URL, e.g. http://127.0.0.1:4318 (env NINSHO_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT)",
            DefaultValueFactory = _ => Env("NINSHO_OTLP_ENDPOINT") ?? Env("OTEL_EXPORTER_OTLP_ENDPOINT"),
        };

        var serve = new Command("serve", "Start the Ninsho server") { metrics, otlpEndpoint, logFormat, seed, tlsCert, tlsKey, shutdownTimeout, keyRefresh, host, port, dataDir, postgres, synchronous, publicUrl, issuer, iterations, hashQueue, fastHash, region, accountId, stsEndpoint, lambdaEndpoint, triggerWebhook, federationEndpoint, sigv4, adminToken, outboxRetention, quotas, smtpHost, smtpPort, smtpTls, smtpUser, smtpPassword, smtpFrom };
        var logDestination = new Option<string[]>("--log-destination")
        {
            Description = "ARN=DESTINATION: write the logs a pool's log delivery configuration sends to ARN (or an ARN prefix ending in *) to file:/path, stdout or an OTLP collector (otlp, otlp:URL) as JSON lines; repeatable (env NINSHO_LOG_DESTINATIONS, comma-separated)",
            DefaultValueFactory = _ => Env("NINSHO_LOG_DESTINATIONS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            AllowMultipleArgumentsPerToken = false,
        };
        serve.Options.Add(logDestination);
        serve.SetAction(async (parse, ct) =>
        {
            StartupTrace.Mark("command line parsed");
            var tls = SmtpOptions.ParseTls(parse.GetValue(smtpTls));
            if (tls is null)
            {
                await Console.Error.WriteLineAsync($"--smtp-tls must be none, starttls or tls, not '{parse.GetValue(smtpTls)}'");
                return 2;
            }

            if (!NinshoServerOptions.TryParseRetention(parse.GetValue(outboxRetention), out var retention))
            {
                await Console.Error.WriteLineAsync($"--outbox-retention must be auto or a number followed by m, h or d (30m, 12h, 7d), not '{parse.GetValue(outboxRetention)}'");
                return 2;
            }

            if (RequestLog.Parse(parse.GetValue(logFormat)) is not { } format)
            {
                await Console.Error.WriteLineAsync($"--log-format must be text or json, not '{parse.GetValue(logFormat)}'");
                return 2;
            }

            var durability = parse.GetValue(synchronous)?.ToUpperInvariant() switch
            {
                "NORMAL" => Ninsho.Storage.Sqlite.SqliteSynchronous.Normal,
                "FULL" => Ninsho.Storage.Sqlite.SqliteSynchronous.Full,
                _ => (Ninsho.Storage.Sqlite.SqliteSynchronous?)null,
            };
            if (durability is null)
            {
                await Console.Error.WriteLineAsync($"--sqlite-synchronous must be normal or full, not '{parse.GetValue(synchronous)}'");
                return 2;
            }

            var awsIssuer = parse.GetValue(issuer)?.ToUpperInvariant() switch
            {
                "SERVER" => false,
                "AWS" => true,
                _ => (bool?)null,
            };
            if (awsIssuer is null)
            {
                await Console.Error.WriteLineAsync($"--issuer must be server or aws, not '{parse.GetValue(issuer)}'");
                return 2;
            }

            var quotaMode = parse.GetValue(quotas)?.ToUpperInvariant() switch
            {
                "OFF" => QuotaMode.Off,
                "COGNITO" => QuotaMode.Cognito,
                _ => (QuotaMode?)null,
            };
            if (quotaMode is null)
            {
                await Console.Error.WriteLineAsync($"--quotas must be cognito or off, not '{parse.GetValue(quotas)}'");
                return 2;
            }

            if (NinshoServerOptions.ParseWebhooks(parse.GetValue(triggerWebhook) ?? []) is not { } webhooks)
            {
                await Console.Error.WriteLineAsync("--trigger-webhook takes FUNCTION=URL (FUNCTION is a function ARN or name)");
                return 2;
            }

            if (NinshoServerOptions.ParseWebhooks(parse.GetValue(federationEndpoint) ?? []) is not { } standIns)
            {
                await Console.Error.WriteLineAsync("--federation-endpoint takes TYPE=URL (TYPE Google, Facebook, LoginWithAmazon or SignInWithApple)");
                return 2;
            }

            var (logDestinations, logProblem) = Ninsho.Server.LogDelivery.LogDestinations.Parse(parse.GetValue(logDestination) ?? []);
            if (logDestinations is null)
            {
                await Console.Error.WriteLineAsync(logProblem);
                return 2;
            }

            var smtp = parse.GetValue(smtpHost) is { Length: > 0 } smtpServer
                ? new SmtpOptions
                {
                    Host = smtpServer,
                    Port = parse.GetValue(smtpPort),
                    Tls = tls.Value,
                    User = parse.GetValue(smtpUser),
                    Password = parse.GetValue(smtpPassword),
                    From = parse.GetValue(smtpFrom) ?? string.Empty,
                }
                : null;
            var options = new NinshoServerOptions
            {
                Smtp = smtp,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                DataDirectory = parse.GetValue(dataDir)!,
                PostgresConnectionString = parse.GetValue(postgres),
                SqliteSynchronous = durability.Value,
                PublicUrl = parse.GetValue(publicUrl),
                AwsIssuer = awsIssuer.Value,
                PasswordHashIterations = parse.GetValue(iterations),
                PasswordHashQueue = parse.GetValue(hashQueue),
                InsecureFastPasswordHash = parse.GetValue(fastHash),
                DefaultRegion = parse.GetValue(region)!,
                AccountId = parse.GetValue(accountId)!,
                StsEndpoint = parse.GetValue(stsEndpoint),
                LambdaEndpoint = parse.GetValue(lambdaEndpoint),
                TriggerWebhooks = webhooks,
                FederationEndpoints = standIns,
                SigV4Credentials = ParseCredentials(parse.GetValue(sigv4)) ?? [],
                AdminToken = parse.GetValue(adminToken),
                OutboxRetention = retention,
                Quotas = quotaMode.Value,
                SeedFile = parse.GetValue(seed),
                ShutdownTimeout = TimeSpan.FromSeconds(parse.GetValue(shutdownTimeout)),
                KeyRefreshInterval = TimeSpan.FromSeconds(parse.GetValue(keyRefresh)),
                TlsCertificatePath = parse.GetValue(tlsCert),
                TlsKeyPath = parse.GetValue(tlsKey),
                LogFormat = format,
                Metrics = parse.GetValue(metrics),
                OtlpEndpoint = parse.GetValue(otlpEndpoint),
                LogDestinations = logDestinations,
            };
            if (ParseCredentials(parse.GetValue(sigv4)) is null)
            {
                await Console.Error.WriteLineAsync("--sigv4-credentials takes AKID:SECRET pairs separated by commas");
                return 2;
            }

            if (options.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }

            if (options.FastHashWarning() is { } warning)
            {
                await Console.Error.WriteLineAsync(warning);
            }

            if (options.OperatorRoutesWarning() is { } note)
            {
                await Console.Error.WriteLineAsync(note);
            }

            WebApplication app;
            try
            {
                app = await NinshoHost.BuildAsync(options, ct);
            }
            catch (Ninsho.Storage.DatabaseSchemaTooNewException)
            {
                return 1; // NinshoHost logged why.
            }
            catch (Seed.SeedException e)
            {
                await Console.Error.WriteLineAsync($"The seed file was not applied; Ninsho stops: {e.Message}");
                return 1;
            }

            // With --log-format json every stdout line is JSON: these lines go through the logger too.
            var serverLog = format == LogFormat.Json ? app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLog.ServerCategory) : null;
            if (app.Services.GetRequiredService<Seed.SeedRunner>() is { LastReport: { } seeded, Path: { } seedPath })
            {
                if (serverLog is null)
                {
                    Console.WriteLine($"Seed {seedPath}: {seeded}");
                }
                else
                {
                    var report = seeded.ToString() ?? string.Empty;
                    RequestLog.Seeded(serverLog, seedPath, report);
                }
            }

            await using var runningApp = app;
            await app.StartAsync(ct);
            StartupTrace.Mark("Kestrel listening");
            if (serverLog is null)
            {
                Console.WriteLine($"Ninsho listening on {NinshoHost.ListeningUrl(app)}");
            }
            else
            {
                var url = NinshoHost.ListeningUrl(app);
                RequestLog.Listening(serverLog, url);
            }
            await app.WaitForShutdownAsync(ct);
            return 0;
        });

        var outboxDataDir = new Option<string>("--data-dir") { Description = "Folder of the SQLite database (env NINSHO_DATA_DIR)", DefaultValueFactory = _ => Env("NINSHO_DATA_DIR") ?? ".ninsho" };
        var outboxPostgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (env NINSHO_POSTGRES)", DefaultValueFactory = _ => Env("NINSHO_POSTGRES") };
        var pool = new Option<string?>("--pool") { Description = "Only messages of this user pool id" };
        var recipient = new Option<string?>("--recipient") { Description = "Only messages to this email address or phone number" };
        var limit = new Option<int>("--limit") { Description = "The most recent N messages", DefaultValueFactory = _ => OutboxJson.DefaultLimit };
        var outbox = new Command("outbox", "Print the messages (codes, invitations) kept in the outbox, as JSON") { outboxDataDir, outboxPostgres, pool, recipient, limit };
        outbox.SetAction(async (parse, ct) =>
        {
            var options = new NinshoServerOptions
            {
                DataDirectory = parse.GetValue(outboxDataDir)!,
                PostgresConnectionString = parse.GetValue(outboxPostgres),
            };
            var storage = NinshoHost.CreateStorage(options);
            try
            {
                await storage.InitializeAsync(ct);
                var messages = await storage.Outbox.ListAsync(parse.GetValue(pool), parse.GetValue(recipient), Math.Clamp(parse.GetValue(limit), 1, OutboxJson.MaxLimit), ct);
                Console.WriteLine(OutboxJson.Write(messages, indented: true));
                return 0;
            }
            catch (Ninsho.Storage.DatabaseSchemaTooNewException e)
            {
                await Console.Error.WriteLineAsync($"outbox failed: {e.Message}");
                return 1;
            }
            finally
            {
                (storage as IDisposable)?.Dispose();
            }
        });

        var root = new RootCommand("Ninsho: an Amazon Cognito compatible identity provider") { serve, outbox, BackupCommand(export: true), BackupCommand(export: false), KeysCommand() };
        // SIGTERM and Ctrl+C are the host's to handle (ConsoleLifetime): it lets in-flight requests finish within
        // --shutdown-timeout and the serve command then returns 0. The command line's own handling would cancel the
        // serve action at once and kill the process 2 s later (docs/operations.md).
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static Option<int> KeyRefreshOption() => new("--key-refresh-seconds")
    {
        Description = "Seconds between rereads of signing and sealing keys; new keys are used this long after a rotation (default 30; env NINSHO_KEY_REFRESH_SECONDS)",
        DefaultValueFactory = _ => EnvInt("NINSHO_KEY_REFRESH_SECONDS") ?? 30,
    };

    /// <summary><c>ninsho keys list|rotate|retire --pool ID</c> and <c>ninsho keys rotate-sealing|reseal|retire-sealing</c>,
    /// on the SQLite folder or PostgreSQL, while the servers run (docs/operations.md#key-rotation). Prints the JSON the
    /// <c>/_ninsho/keys</c> routes answer; exits 1 for an unknown pool or bad input, 2 while a new key is not active yet.</summary>
    private static Command KeysCommand()
    {
        var keys = new Command("keys", "Rotate and retire pools' signing keys and the cluster's sealing keys");
        Command Sub(string name, string description, bool needsPool, Func<Core.Security.IKeyRotation, string, string?, CancellationToken, Task<Endpoints.KeyEndpoints.KeyAnswer>> run)
        {
            var dataDir = new Option<string>("--data-dir") { Description = "Folder of the SQLite database (env NINSHO_DATA_DIR)", DefaultValueFactory = _ => Env("NINSHO_DATA_DIR") ?? ".ninsho" };
            var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (env NINSHO_POSTGRES)", DefaultValueFactory = _ => Env("NINSHO_POSTGRES") };
            var refresh = KeyRefreshOption();
            var pool = new Option<string>("--pool") { Description = "The user pool id", Required = needsPool };
            var grace = new Option<string?>("--grace") { Description = "How long the old keys stay published after the new ones sign: 24h (default), 90m, 30s, 2d" };
            var command = new Command(name, description) { dataDir, postgres, refresh };
            if (needsPool)
            {
                command.Options.Add(pool);
            }

            if (name == "rotate")
            {
                command.Options.Add(grace);
            }

            command.SetAction(async (parse, ct) =>
            {
                var options = new NinshoServerOptions
                {
                    DataDirectory = parse.GetValue(dataDir)!,
                    PostgresConnectionString = parse.GetValue(postgres),
                    KeyRefreshInterval = TimeSpan.FromSeconds(parse.GetValue(refresh)),
                };
                if (options.KeyRefreshInterval < TimeSpan.FromSeconds(1) || options.KeyRefreshInterval > TimeSpan.FromHours(1))
                {
                    await Console.Error.WriteLineAsync("keys: --key-refresh-seconds must be 1-3600");
                    return 1;
                }

                var storage = NinshoHost.CreateStorage(options);
                try
                {
                    await storage.InitializeAsync(ct);
                    var services = new ServiceCollection()
                        .AddSingleton(storage)
                        .AddNinshoCore(new NinshoCoreOptions { KeyRefreshInterval = options.KeyRefreshInterval })
                        .BuildServiceProvider();
                    await using (services)
                    {
                        var answer = await run(services.GetRequiredService<Core.Security.IKeyRotation>(), parse.GetValue(pool) ?? string.Empty, parse.GetValue(grace), ct);
                        var text = answer.Body.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                        if (answer.Status == 200)
                        {
                            Console.WriteLine(text);
                            return 0;
                        }

                        await Console.Error.WriteLineAsync(text);
                        return answer.Status == 409 ? 2 : 1;
                    }
                }
                catch (Ninsho.Storage.DatabaseSchemaTooNewException e)
                {
                    await Console.Error.WriteLineAsync($"keys {name} failed: {e.Message}");
                    return 1;
                }
                finally
                {
                    (storage as IDisposable)?.Dispose();
                }
            });
            return command;
        }

        keys.Subcommands.Add(Sub("list", "Print a pool's signing keys with their activation and retire times", true, (k, p, _, ct) => Endpoints.KeyEndpoints.ListAsync(k, p, ct)));
        keys.Subcommands.Add(Sub("rotate", "Give a pool new signing keys; the old ones stay published for the grace period", true, (k, p, g, ct) => Endpoints.KeyEndpoints.RotateAsync(k, p, g, ct)));
        keys.Subcommands.Add(Sub("retire", "Delete a pool's superseded signing keys now", true, (k, p, _, ct) => Endpoints.KeyEndpoints.RetireAsync(k, p, ct)));
        keys.Subcommands.Add(Sub("rotate-sealing", "Add a new generation of the cluster's sealing keys", false, (k, _, _, ct) => Endpoints.KeyEndpoints.RotateSealingAsync(k, ct)));
        keys.Subcommands.Add(Sub("reseal", "Seal stored client secrets and SAML keys again under the current sealing keys", false, (k, _, _, ct) => Endpoints.KeyEndpoints.ResealAsync(k, ct)));
        keys.Subcommands.Add(Sub("retire-sealing", "Reseal, then delete the older sealing-key generations", false, (k, _, _, ct) => Endpoints.KeyEndpoints.RetireSealingAsync(k, ct)));
        return keys;
    }

    /// <summary><c>ninsho export --out FILE</c> or <c>ninsho import --in FILE</c>, on the SQLite folder or PostgreSQL.</summary>
    private static Command BackupCommand(bool export)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Folder of the SQLite database (env NINSHO_DATA_DIR)", DefaultValueFactory = _ => Env("NINSHO_DATA_DIR") ?? ".ninsho" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (env NINSHO_POSTGRES)", DefaultValueFactory = _ => Env("NINSHO_POSTGRES") };
        var file = new Option<string>(export ? "--out" : "--in") { Description = "The backup file (JSON lines)", Required = true };
        var command = export
            ? new Command("export", "Write the whole server (pools, keys, clients, groups, users with password hashes, secrets) to a file") { dataDir, postgres, file }
            : new Command("import", "Load a file written by 'ninsho export' into an empty server") { dataDir, postgres, file };
        command.SetAction(async (parse, ct) =>
        {
            var storage = NinshoHost.CreateStorage(new NinshoServerOptions { DataDirectory = parse.GetValue(dataDir)!, PostgresConnectionString = parse.GetValue(postgres) });
            try
            {
                await storage.InitializeAsync(ct);
                var path = parse.GetValue(file)!;
                if (export)
                {
                    await using var output = File.Create(path);
                    var lines = storage switch
                    {
                        SqliteNinshoStorage sqlite => await ExportSnapshotAsync(sqlite, parse.GetValue(dataDir)!, output, ct),
                        PostgreSqlNinshoStorage postgreSql => await ExportSnapshotAsync(postgreSql, output, ct),
                        _ => await ServerBackup.ExportAsync(storage, output, ct),
                    };
                    Console.WriteLine($"Exported {lines} lines to {path}");
                }
                else
                {
                    await using var input = File.OpenRead(path);
                    var users = await ServerBackup.ImportAsync(storage, input, ct);
                    Console.WriteLine($"Imported {path} ({users} users)");
                }

                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or IOException or Ninsho.Storage.DatabaseSchemaTooNewException)
            {
                await Console.Error.WriteLineAsync($"{(export ? "export" : "import")} failed: {e.Message}");
                return 1;
            }
            finally
            {
                (storage as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    /// <summary>Exports a SQLite server as of one moment, while it may keep running: the live file is first copied in one
    /// read transaction (<see cref="SqliteNinshoStorage.SnapshotToAsync"/>) into the data folder, the copy exported, then
    /// deleted. Reading the live file store by store would mix moments (a membership without its user).</summary>
    private static async Task<long> ExportSnapshotAsync(SqliteNinshoStorage live, string dataDir, Stream output, CancellationToken ct)
    {
        var copy = Path.Combine(dataDir, $"export-snapshot-{Guid.NewGuid():N}.db");
        try
        {
            await live.SnapshotToAsync(copy, ct);
            using var snapshot = new SqliteNinshoStorage(copy);
            return await ServerBackup.ExportAsync(snapshot, output, ct);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    /// <summary>Exports a PostgreSQL server as of one moment, while its nodes may keep writing: every read goes through
    /// one read-only REPEATABLE READ transaction (<see cref="PostgreSqlNinshoStorage.OpenSnapshotAsync"/>).</summary>
    private static async Task<long> ExportSnapshotAsync(PostgreSqlNinshoStorage live, Stream output, CancellationToken ct)
    {
        await using var snapshot = await live.OpenSnapshotAsync(ct);
        return await ServerBackup.ExportAsync(snapshot, output, ct);
    }

    private static Dictionary<string, string>? ParseCredentials(string? list)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                return null;
            }

            result[pair[..colon]] = pair[(colon + 1)..];
        }

        return result;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static int? EnvInt(string name) =>
        int.TryParse(Env(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
