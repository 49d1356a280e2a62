using System.Text;

namespace ChronicCare.Monitor.Telemetry;

/// <summary>
/// One label set of a metric family and its aggregate: a value (counter or gauge) or histogram buckets, sum and count.
/// Guarded by its family's lock. The labels are rendered once, when the series first appears.
/// </summary>
internal sealed class MetricSeries
{
    private readonly KeyValuePair<string, object?>[] _tags;

    public MetricSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags, int buckets)
    {
        _tags = tags.ToArray();
        Labels = Render(_tags);
        Buckets = buckets > 0 ? new long[buckets] : null;
    }

    /// <summary>The label pairs as written between braces (<c>a="x",b="y"</c>), sorted by name; empty without labels.</summary>
    public string Labels { get; }

    public double Value { get; set; }

    /// <summary>Per bucket (not cumulative), the last one above every bound; null unless a histogram.</summary>
    public long[]? Buckets { get; }

    public double Sum { get; set; }

    public long Count { get; set; }

    /// <summary>True when <paramref name="tags"/> are this series' labels, in any order (measurements arrive with their own order).</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var own in _tags)
            {
                if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal) && Equals(own.Value, tag.Value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static string Render(KeyValuePair<string, object?>[] tags)
    {
        var text = new StringBuilder();
        foreach (var tag in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(PrometheusText.LabelName(tag.Key)).Append("=\"");
            PrometheusText.AppendLabelValue(text, PrometheusText.LabelValue(tag.Value));
            text.Append('"');
        }

        return text.ToString();
    }
}
