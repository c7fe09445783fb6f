using System.Globalization;

namespace Ninsho.Server.Tests;

/// <summary>
/// <c>node test/js/lambda-host.mjs</c>: a Lambda Invoke API on a free loopback port that runs the handler modules of
/// <c>test/js/triggers</c> as Lambda runs Node functions (function NAME → <c>NAME.mjs</c>, export <c>handler</c>).
/// Point Ninsho's <c>--lambda-endpoint</c> at <see cref="BaseUrl"/>. Disposal kills the process.
/// </summary>
public sealed class LambdaHost : IAsyncDisposable
{
    private readonly NodeScriptProcess _node;

    private LambdaHost(NodeScriptProcess node) => _node = node;

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string BaseUrl => _node.BaseUrl;

    /// <summary>The ARN of a test function in <c>test/js/triggers</c> (the account and region do not matter to the host).</summary>
    public static string Arn(string functionName) => $"arn:aws:lambda:{AwsCli.Region}:123456789012:function:{functionName}";

    /// <summary>Starts the host and waits for its <c>{"port": N}</c> line. <paramref name="port"/> 0 picks a free
    /// one; <paramref name="environment"/> is added to the handlers' environment (their <c>process.env</c>).</summary>
    public static async Task<LambdaHost> StartAsync(CancellationToken ct, int port = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var node = await NodeScriptProcess.StartAsync("lambda-host.mjs",
            ["--dir", Path.Combine(RepoPaths.JsDir, "triggers"), "--port", port.ToString(CultureInfo.InvariantCulture)], ct, environment);
        return new LambdaHost(node);
    }

    /// <summary>What the host and the handlers printed, for failure messages.</summary>
    public string Output => _node.Output;

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
