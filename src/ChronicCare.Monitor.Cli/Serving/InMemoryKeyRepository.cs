using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>
/// Where the antiforgery tokens' data-protection keys live: in this process only. Nothing is written to the home
/// directory (ASP.NET Core's default), and a restart merely makes an open form stale.
/// </summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return [.. _elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
