using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.State;

/// <summary>
/// The records one partition's commit emits, saved atomically with the partition's state and published after it
/// (a transactional outbox): state never remembers emitting a record that was not saved for publishing, and a
/// record saved is published, by this process or by the next owner, which republishes the stored outbox on
/// assignment. <see cref="Rechecks"/> are the patients of other partitions this commit's uses affect.
/// </summary>
public sealed record Outbox(IReadOnlyList<Alert> Alerts, IReadOnlyList<IntegrityAction> Actions, IReadOnlyList<DeadLetter> DeadLetters, IReadOnlyList<string> Rechecks)
{
    private const byte Version = 1;

    public static Outbox Empty { get; } = new([], [], [], []);

    public bool IsEmpty => Alerts.Count == 0 && Actions.Count == 0 && DeadLetters.Count == 0 && Rechecks.Count == 0;

    public byte[] Encode()
    {
        var w = new StateWriter();
        w.Byte(Version);
        w.Count(Alerts.Count);
        foreach (var a in Alerts)
        {
            RecordCodec.Write(w, new EmittedAlert(a, 0));
        }

        w.Count(Actions.Count);
        foreach (var a in Actions)
        {
            RecordCodec.Write(w, a);
        }

        w.Count(DeadLetters.Count);
        foreach (var d in DeadLetters)
        {
            w.Str(d.Source);
            w.Int(d.Line);
            w.Int(d.Partition ?? -1);
            w.Str(d.Reason);
            w.Str(Convert.ToBase64String(d.Original.Span));
        }

        w.Count(Rechecks.Count);
        foreach (var id in Rechecks)
        {
            w.Str(id);
        }

        return w.Written.ToArray();
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for an unknown version or a truncated outbox.</summary>
    public static Outbox Decode(byte[] data)
    {
        var r = new StateReader(data);
        if (r.Byte() != Version)
        {
            throw new InvalidDataException("outbox: unknown format version");
        }

        var alerts = Read(r, () => RecordCodec.ReadAlert(r).Record);
        var actions = Read(r, () => RecordCodec.ReadAction(r));
        var deadLetters = Read(r, () =>
        {
            var source = r.RequiredStr();
            var line = r.Int();
            var partition = r.Int32();
            return new DeadLetter(source, line, partition < 0 ? null : partition, r.RequiredStr(), Convert.FromBase64String(r.RequiredStr()));
        });
        var rechecks = Read(r, r.RequiredStr);
        if (!r.AtEnd)
        {
            throw new InvalidDataException("outbox: trailing bytes");
        }

        return new Outbox(alerts, actions, deadLetters, rechecks);
    }

    private static List<T> Read<T>(StateReader r, Func<T> item)
    {
        var n = r.Count();
        var list = new List<T>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(item());
        }

        return list;
    }
}
