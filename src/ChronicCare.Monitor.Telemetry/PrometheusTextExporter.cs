using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// Listens to one <see cref="Meter"/>'s instruments and renders their aggregates in the Prometheus text exposition
/// format 0.0.4: counters as sums per label set, histograms as cumulative buckets with _sum and _count, observable
/// gauges from their callbacks at scrape time. Families are ordered by name and series by labels, so two scrapes
/// of the same state are byte-identical. Only instruments of the given meter instance are listened to: another meter
/// of the same name (another test's) is not mixed in.
/// </summary>
public sealed class PrometheusTextExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly Lock _scrape = new();

    public PrometheusTextExporter(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _listener = new MeterListener
        {
            InstrumentPublished = Published,
            MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((MetricFamily)state!).Record(value, tags));

        // Publishes the instruments the meter already has; later ones arrive as they are created.
        _listener.Start();
    }

    /// <summary>The page: every family with at least one series, observable instruments observed now.</summary>
    public string Scrape()
    {
        // One scrape at a time: observed families are emptied and refilled, and a concurrent scrape would see them empty.
        lock (_scrape)
        {
            var families = _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            foreach (var family in families.Where(f => f.Observable))
            {
                family.Reset();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var family in families)
            {
                // Two instruments of one name would make a family twice, which the format forbids: the first wins.
                if (written.Add(family.Name))
                {
                    family.WriteTo(text);
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Published(Instrument instrument, MeterListener listener)
    {
        if (ReferenceEquals(instrument.Meter, _meter) && MetricFamily.For(instrument) is { } family)
        {
            _families[instrument] = family;
            listener.EnableMeasurementEvents(instrument, family);
        }
    }
}
