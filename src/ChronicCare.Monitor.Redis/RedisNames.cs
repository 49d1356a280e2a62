using ChronicCare.Monitor.Engine;

namespace ChronicCare.Monitor.Redis;

/// <summary>
/// The key layout, under one namespace per consumer group (two groups reading the same topic keep separate
/// state): <c>{ns}:state:{partition}</c> is a hash of the partition's patients (fields <c>p:{patient_id}</c>)
/// and the offset they include (field <c>~offset</c>), the last commit's outbox (<c>~outbox</c>) and the reference
/// position (<c>~ref</c>) and the owner epoch (<c>~epoch</c>, claimed on load); <c>{ns}:use:c:{card_id}</c> and
/// <c>{ns}:use:p:{presenter_id}</c> are sorted sets of the uses, scored by time.
/// </summary>
internal sealed class RedisNames
{
    public const string OffsetField = "~offset";
    public const string OutboxField = "~outbox";
    public const string ReferenceField = "~ref";
    public const string EpochField = "~epoch";
    public const string PatientPrefix = "p:";

    public RedisNames(string group)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        Namespace = $"cc:{group}";
    }

    public string Namespace { get; }

    public string State(int partition) => $"{Namespace}:state:{partition}";

    public string Uses(UseKind kind, string key) => $"{Namespace}:use:{(kind == UseKind.Card ? 'c' : 'p')}:{key}";
}
