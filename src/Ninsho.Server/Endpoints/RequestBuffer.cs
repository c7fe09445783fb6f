namespace Ninsho.Server.Endpoints;

/// <summary>A request or error body held in memory while it is parsed or written.</summary>
internal sealed class RequestBuffer(int capacity) : IDisposable
{
    public MemoryStream Stream { get; } = new(capacity);

    public ReadOnlyMemory<byte> Memory => Stream.GetBuffer().AsMemory(0, (int)Stream.Length);

    public void Dispose() => Stream.Dispose();
}
