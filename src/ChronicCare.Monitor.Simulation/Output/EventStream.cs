using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation.Output;

/// <summary>
/// events.jsonl with delivery noise: each patient's events in time order, about 0.4% of them held back and
/// written after 1-40 later patients (late arrivals; a reversal may then precede its settlement), and the
/// settlements marked as duplicates written twice, byte for byte, the second copy sometimes later. Held-back
/// lines are the only thing kept in memory, and there are few of them.
/// </summary>
internal sealed class EventStream : IDisposable
{
    private readonly JsonlWriter _events;
    private readonly EventWriter _writer;
    private readonly int _seed;
    private readonly List<(int ReleaseAfter, byte[] Bytes)> _deferred = [];
    private readonly List<(long At, int Kind, int Index)> _records = [];

    public EventStream(string path, SimulationContext ctx)
    {
        _events = new JsonlWriter(path);
        _writer = new EventWriter(ctx);
        _seed = ctx.Seed;
    }

    public long Lines => _events.Lines;

    public long Bytes => _events.Bytes;

    public long Settlements { get; private set; }

    public long Reversals { get; private set; }

    public long Admissions { get; private set; }

    public long Discharges { get; private set; }

    public long Duplicates { get; private set; }

    public long Late { get; private set; }

    /// <summary>Writes one patient's events; <paramref name="patientsDone"/> dates held-back lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(PatientProfile p, PatientTimeline timeline, int patientsDone)
    {
        // (ticks, kind, index): kind breaks ties deterministically.
        var records = _records;
        records.Clear();
        for (var k = 0; k < timeline.Settlements.Count; k++)
        {
            var s = timeline.Settlements[k];
            records.Add((s.SettledAt.Ticks, 0, k));
            if (s.Reversed)
            {
                records.Add((s.ReversedAt.Ticks, 1, k));
            }
        }

        for (var k = 0; k < timeline.Stays.Count; k++)
        {
            records.Add((timeline.Stays[k].AdmittedAt.Ticks, 2, k));
            records.Add((timeline.Stays[k].DischargedAt.Ticks, 3, k));
        }

        records.Sort(static (x, y) => x.At != y.At ? x.At.CompareTo(y.At) : x.Kind != y.Kind ? x.Kind - y.Kind : x.Index - y.Index);
        var rng = Rng.Fork(_seed, Streams.Delivery, p.Index);
        _writer.BeginPatient(p);
        foreach (var (_, kind, index) in records)
        {
            var w = _events.Begin();
            var duplicate = false;
            switch (kind)
            {
                case 0:
                    var s = timeline.Settlements[index];
                    _writer.Settlement(w, p.Id, s);
                    duplicate = s.Duplicate;
                    Settlements++;
                    break;
                case 1:
                    EventWriter.Reversal(w, timeline.Settlements[index]);
                    Reversals++;
                    break;
                case 2:
                    _writer.Admission(w, p.Id, timeline.Stays[index]);
                    Admissions++;
                    break;
                default:
                    EventWriter.Discharge(w, p.Id, timeline.Stays[index]);
                    Discharges++;
                    break;
            }

            var written = _events.End();
            var copy = duplicate ? written.ToArray() : null;
            if (rng.Chance(0.004))
            {
                _deferred.Add((patientsDone + rng.Between(1, 40), _events.Withdraw()));
                Late++;
            }

            if (copy is not null)
            {
                Duplicates++;
                if (rng.Chance(0.3))
                {
                    _deferred.Add((patientsDone + rng.Between(1, 40), copy));
                }
                else
                {
                    _events.WriteRaw(copy);
                }
            }

            _events.FlushIfFull();
        }
    }

    /// <summary>Writes the held-back lines that are due (all of them when <paramref name="all"/>), in order.</summary>
    public void Release(int patientsDone, bool all)
    {
        var kept = 0;
        for (var k = 0; k < _deferred.Count; k++)
        {
            var (release, bytes) = _deferred[k];
            if (all || release <= patientsDone)
            {
                _events.WriteRaw(bytes);
            }
            else
            {
                _deferred[kept++] = _deferred[k];
            }
        }

        _deferred.RemoveRange(kept, _deferred.Count - kept);
    }

    public void Dispose() => _events.Dispose();
}
