using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Parsing;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>What `detect` gives on a dataset: the reference, every event through one engine, one flush.</summary>
internal static class BatchDetect
{
    public static Outcome Run(Dataset data)
    {
        var engine = new DetectionEngine(DetectionPolicy.Default, ReferenceLoader.Load(data.ReferenceDir), TimeProvider.System);
        var parser = new EventParser();
        foreach (var (_, value) in data.Messages)
        {
            if (parser.Parse(value).Event is { } e)
            {
                engine.Apply(e);
            }
        }

        var changes = engine.Flush();
        return Outcome.Of(changes.Alerts, changes.Actions);
    }

}
