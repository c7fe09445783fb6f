using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Ninsho.Server.Hosting;
using Ninsho.Server.WebConsole.Pages;

namespace Ninsho.Server.WebConsole;

/// <summary>The web console under <c>/_ninsho/console</c>: server-rendered pages (Razor components, static
/// rendering, no script but the messages page's small poller) over the same operations as the API
/// (<see cref="ConsoleCognito"/>). Every route passes <see cref="ConsoleAccess"/> first; every POST must carry the
/// form's antiforgery token; an action answers with a redirect (post/redirect/get) or, when the operation refused,
/// the page again with the API's error (docs/console.md).</summary>
internal static class ConsoleEndpoints
{
    public const string BasePath = OperatorAccess.PathPrefix + "/console";

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Static server rendering of our own page components only (no interactivity, no routing of components): ConsolePage.Render keeps each page type whole, and the console wire tests pass on the Native AOT build.")]
    public static void AddConsole(IServiceCollection services, ILoggingBuilder logging)
    {
        // The antiforgery tokens and the login cookie are protected with keys held in memory, never written to disk:
        // a restart signs browsers out and old forms must be reloaded. (The data protection layer warns that such
        // keys are not encrypted at rest; there is no rest.)
        services.AddDataProtection();
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new InMemoryKeyRepository());
        // Its hosted service only makes the key ring at start, which (in memory) nothing needs before the console's
        // first page: the ring is made then instead, off the cold start (bench/README.md, "Where the cold start goes").
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService") is { } warmUp)
        {
            _ = services.Remove(warmUp);
        }

        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        services.AddRazorComponents();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ninsho-console-csrf";
            options.Cookie.Path = BasePath;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__csrf";
            // The console sets X-Frame-Options: DENY itself (ConsoleAccess.SecureHeaders).
            options.SuppressXFrameOptionsHeader = true;
        });
        services.AddSingleton<ConsoleAccess>();
        services.AddSingleton<ConsoleCognito>();
        services.AddSingleton<ConsoleViews>();
        services.AddSingleton<ConsoleActions>();
        services.AddSingleton<ConsoleMessages>();
        services.AddSingleton<TokenInspector>();
    }

    public static void MapConsole(this WebApplication app)
    {
        var console = app.MapGroup(BasePath)
            .WithMetadata(new OperatorAccess.AuthorizedByHandler())
            .AddEndpointFilter(GuardAsync);

        console.MapGet("/", async (HttpContext http, ConsoleAccess access, ConsoleViews views, string? next, CancellationToken ct) =>
            ConsolePage.Render<PoolsPage>(new Dictionary<string, object?>
            {
                ["Page"] = ConsolePage.For(http, access),
                ["View"] = await views.PoolsAsync(next, ct),
            }));

        console.MapGet("/pools/{poolId}", async (string poolId, HttpContext http, ConsoleAccess access, ConsoleViews views, CancellationToken ct) =>
            ConsolePage.Render<PoolPage>(new Dictionary<string, object?>
            {
                ["Page"] = ConsolePage.For(http, access),
                ["View"] = await views.PoolAsync(poolId, ct),
            }));

        console.MapGet("/pools/{poolId}/users", (string poolId, string? filter, string? page, HttpContext http, ConsoleAccess access, ConsoleViews views, CancellationToken ct) =>
            UsersAsync(http, access, views, poolId, filter, page, error: null, ct));

        console.MapPost("/pools/{poolId}/users", async (string poolId, HttpContext http, ConsoleAccess access, ConsoleViews views, ConsoleActions actions, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var answer = await actions.CreateUserAsync(poolId, form, ct);
            return answer.Ok
                ? Results.Redirect(ConsoleLinks.User(poolId, form["username"].ToString()) + "&done=created")
                : await UsersAsync(http, access, views, poolId, null, null, answer.Error, ct);
        });

        console.MapGet("/pools/{poolId}/user", (string poolId, string? username, HttpContext http, ConsoleAccess access, ConsoleViews views, CancellationToken ct) =>
            UserAsync(http, access, views, poolId, username ?? "", error: null, ct));

        console.MapPost("/pools/{poolId}/user/{action}", async (string poolId, string action, HttpContext http, ConsoleAccess access, ConsoleViews views, ConsoleActions actions, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var username = form["username"].ToString();
            var (answer, done) = await actions.RunAsync(poolId, username, action, form, ct);
            if (!answer.Ok)
            {
                return await UserAsync(http, access, views, poolId, username, answer.Error, ct);
            }

            return done == "deleted"
                ? Results.Redirect(ConsoleLinks.Users(poolId) + "?done=deleted")
                : Results.Redirect(ConsoleLinks.User(poolId, username) + "&done=" + done);
        });

        console.MapGet("/messages", async (string? pool, string? recipient, HttpContext http, ConsoleAccess access, ConsoleMessages messages, CancellationToken ct) =>
            ConsolePage.Render<MessagesPage>(new Dictionary<string, object?>
            {
                ["Page"] = ConsolePage.For(http, access),
                ["View"] = await messages.ListAsync(pool, recipient, ct),
            }));

        // The messages page's live update: answers once a message newer than 'after' is in the outbox (or after 25 s).
        console.MapGet("/messages/newest", async (string? pool, string? recipient, long? after, ConsoleMessages messages, CancellationToken ct) =>
            Results.Text(ConsoleMessages.Json(await messages.WaitNewerAsync(pool, recipient, after ?? 0, ct)), "application/json"));

        console.MapGet("/tokens", (HttpContext http, ConsoleAccess access) =>
            ConsolePage.Render<TokensPage>(new Dictionary<string, object?> { ["Page"] = ConsolePage.For(http, access), ["View"] = TokenView.Empty }));

        // A POST, not a GET: a token pasted here must not land in the URL, the history or a log.
        console.MapPost("/tokens", async (HttpContext http, ConsoleAccess access, TokenInspector inspector, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return ConsolePage.Render<TokensPage>(new Dictionary<string, object?>
            {
                ["Page"] = ConsolePage.For(http, access),
                ["View"] = await inspector.InspectAsync(form["token"].ToString(), ct),
            });
        });

        console.MapGet("/login", (HttpContext http, ConsoleAccess access) =>
            ConsolePage.Render<LoginPage>(new Dictionary<string, object?> { ["Page"] = ConsolePage.For(http, access) }));

        console.MapPost("/login", async (HttpContext http, ConsoleAccess access, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            return access.TryLogin(http, form["token"].ToString())
                ? Results.Redirect(BasePath + "/")
                : ConsolePage.Render<LoginPage>(
                    new Dictionary<string, object?> { ["Page"] = ConsolePage.For(http, access, "That is not the server's admin token.") }, 401);
        });

        console.MapPost("/logout", (HttpContext http) =>
        {
            ConsoleAccess.Logout(http);
            return Results.Redirect(BasePath + "/login");
        });
    }

    private static async Task<IResult> UsersAsync(
        HttpContext http, ConsoleAccess access, ConsoleViews views, string poolId, string? filter, string? page, string? error, CancellationToken ct) =>
        ConsolePage.Render<UsersPage>(new Dictionary<string, object?>
        {
            ["Page"] = ConsolePage.For(http, access, error),
            ["View"] = await views.UsersAsync(poolId, filter, page, ct),
        }, error is null ? 200 : 400);

    private static async Task<IResult> UserAsync(
        HttpContext http, ConsoleAccess access, ConsoleViews views, string poolId, string username, string? error, CancellationToken ct) =>
        ConsolePage.Render<UserPage>(new Dictionary<string, object?>
        {
            ["Page"] = ConsolePage.For(http, access, error),
            ["View"] = await views.UserAsync(poolId, username, ct),
        }, error is null ? 200 : 400);

    /// <summary>In front of every console route: <see cref="ConsoleAccess"/>, then the antiforgery token of a POST.</summary>
    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<ConsoleAccess>();
        var verdict = await access.CheckAsync(http, http.RequestAborted);
        var loginRoute = http.Request.Path.Value?.EndsWith("/login", StringComparison.OrdinalIgnoreCase) == true;
        ConsoleAccess.SecureHeaders(http, "-");
        switch (verdict.Kind)
        {
            case "not-here":
                return Results.NotFound();
            case "refused":
                return Results.Text(verdict.Reason, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            case "login" when !loginRoute:
                return HttpMethods.IsGet(http.Request.Method)
                    ? Results.Redirect(BasePath + "/login")
                    : Results.Text("Sign in to the console first.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            case "allowed" when loginRoute && !access.LoginOffered:
                return Results.Redirect(BasePath + "/");
        }

        if (HttpMethods.IsPost(http.Request.Method))
        {
            if (!http.Request.HasFormContentType)
            {
                return Results.Text("The console's forms are posted as application/x-www-form-urlencoded.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.Text("The form's antiforgery token is missing or does not match: reload the page and send it again.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(context);
    }
}
