using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Ninsho.Core.Security;

namespace Ninsho.Server.Hosting;

/// <summary>Looks at the current request's socket: readable with no bytes waiting means the peer has closed it
/// (FIN or reset). Kestrel's own <c>RequestAborted</c> does not fire for that while an HTTP/1.1 request is being
/// handled, because it reads the connection again only once the response is done.</summary>
internal sealed class SocketCallerPresence(IHttpContextAccessor accessor) : ICallerPresence
{
    public bool HasLeft()
    {
        var http = accessor.HttpContext;
        if (http is null)
        {
            return false;
        }

        if (http.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        if (http.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return false;
        }

        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }
}
