using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Streaming.Output;

/// <summary>
/// Several outputs as one (Kafka topics and ClickHouse tables): every record goes to each. <see cref="FlushAsync"/>
/// flushes them together and waits for all before it throws, so a failure in one does not cut short another's
/// delivery; the retried commit then writes every record to all of them again, which each output absorbs (ids).
/// </summary>
public sealed class CompositeOutput : IStreamOutput
{
    private readonly IStreamOutput[] _outputs;

    public CompositeOutput(params IStreamOutput[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        _outputs = outputs.Length > 0 ? [.. outputs] : throw new ArgumentException("at least one output", nameof(outputs));
    }

    public void Alert(Alert alert)
    {
        foreach (var o in _outputs)
        {
            o.Alert(alert);
        }
    }

    public void Action(IntegrityAction action)
    {
        foreach (var o in _outputs)
        {
            o.Action(action);
        }
    }

    public void DeadLetter(DeadLetter deadLetter)
    {
        foreach (var o in _outputs)
        {
            o.DeadLetter(deadLetter);
        }
    }

    public void Recheck(string patientId)
    {
        foreach (var o in _outputs)
        {
            o.Recheck(patientId);
        }
    }

    public Task FlushAsync(CancellationToken ct) => Task.WhenAll(_outputs.Select(o => FlushOne(o, ct)));

    // An output that throws before its first await still yields a task here, so the others are flushed regardless.
    private static async Task FlushOne(IStreamOutput output, CancellationToken ct) => await output.FlushAsync(ct).ConfigureAwait(false);
}
