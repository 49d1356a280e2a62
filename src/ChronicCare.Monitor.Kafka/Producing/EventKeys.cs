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

    public string? KeyOf(ReadOnlySpan<byte> line) => RouteOf(line).Key;

    /// <summary>
    /// Where a line goes: a reference record (facility, drug, disease, patient) to the reference topic keyed
    /// <c>type:id</c> (so compaction keeps the latest); anything else to the events topic keyed by patient.
    /// </summary>
    public (bool Reference, string? Key) RouteOf(ReadOnlySpan<byte> line) => _parser.Parse(line).Event switch
    {
        ReferenceUpsert u => (true, $"{TypeOf(u.Record)}:{u.Key}"),
        Reversal r => (false, _patientOf.GetValueOrDefault(r.SettlementId)),
        { } e => (false, e.PartitionKey),
        null => (false, null),
    };

    /// <summary>The contract's <c>type</c> of a reference record.</summary>
    public static string TypeOf(object record) => record switch
    {
        Facility => "facility",
        Drug => "drug",
        Disease => "disease",
        _ => "patient",
    };
}
