using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Ninsho.Server.WebConsole;

/// <summary>The console's data protection keys, in this process only (see <see cref="ConsoleEndpoints.AddConsole"/>).</summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];
    private readonly Lock _lock = new();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return [.. _elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(new XElement(element));
        }
    }
}
