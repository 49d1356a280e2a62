using System.Text;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Parsing;

namespace ChronicCare.Monitor.Kafka.Producing;

/// <summary>
/// The Kafka key of an event (contract §2: patient_id). A reversal names no patient: it gets its settlement's,
/// looked up in the settlements being published. A bad line has none (the processor dead-letters it).
/// </summary>
public sealed class EventKeys
{
    private readonly Dictionary<string, string> _patientOf = new(StringComparer.Ordinal);
    private readonly EventParser _parser = new();

    /// <summary>Learns the settlements' patients from every line first, so reversals before their settlement are keyed too.</summary>
    public static EventKeys FromLines(IEnumerable<string> lines, CancellationToken ct = default)
    {
        var keys = new EventKeys();
        foreach (var line in lines)
        {
            ct.ThrowIfCancellationRequested();
            if (line.Contains("\"settlement\"", StringComparison.Ordinal) && keys._parser.Parse(Encoding.UTF8.GetBytes(line)).Event is Settlement s)
            {
                keys._patientOf.TryAdd(s.SettlementId, s.PatientId);
            }
        }

        return keys;
    }

    public string? KeyOf(ReadOnlySpan<byte> line) => _parser.Parse(line).Event switch
    {
        Reversal r => _patientOf.GetValueOrDefault(r.SettlementId),
        { } e => e.PartitionKey,
        null => null,
    };
}
