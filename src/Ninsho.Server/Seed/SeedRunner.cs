using Ninsho.Core.Features.TestControl;
using Ninsho.Server.Hosting;

namespace Ninsho.Server.Seed;

/// <summary>The server's seed file (<c>--seed</c>): applied at start-up and again after each reset. One at a time.</summary>
internal sealed class SeedRunner(NinshoServerOptions options, OperationInvoker api, TestControlService control) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The file, or null when the server has none.</summary>
    public string? Path => options.SeedFile;

    /// <summary>What the last application did.</summary>
    public SeedReport? LastReport { get; private set; }

    /// <summary>Reads and applies the file; null without one. <see cref="SeedException"/> when it is bad.</summary>
    public async Task<SeedReport?> ApplyAsync(CancellationToken ct)
    {
        if (options.SeedFile is null)
        {
            return null;
        }

        await _one.WaitAsync(ct);
        try
        {
            var document = SeedDocument.Load(options.SeedFile);
            LastReport = await new SeedApplier(api, control).ApplyAsync(document, ct);
            return LastReport;
        }
        finally
        {
            _ = _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
