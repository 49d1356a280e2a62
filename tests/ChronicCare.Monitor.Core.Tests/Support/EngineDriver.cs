using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Engine;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Reference;
using Microsoft.Extensions.Time.Testing;

namespace ChronicCare.Monitor.Tests.Support;

/// <summary>
/// The in-memory pipeline driver: runs events through the engine with no servers and keeps the final state
/// of every alert and action, as the batch and stream outputs do (a later record replaces an earlier one).
/// </summary>
internal sealed class EngineDriver
{
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IntegrityAction> _actions = new(StringComparer.Ordinal);

    public EngineDriver(ReferenceData? reference = null, DetectionPolicy? policy = null, int parallelism = 1, OutlierModelSlot? outliers = null)
    {
        Engine = new DetectionEngine(policy ?? DetectionPolicy.Default, reference ?? World.Reference(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)))
        {
            MaxDegreeOfParallelism = parallelism,
            Outliers = outliers,
        };
    }

    public DetectionEngine Engine { get; }

    public IReadOnlyDictionary<string, Alert> Alerts => _alerts;

    public IReadOnlyDictionary<string, IntegrityAction> Actions => _actions;

    public IEnumerable<Alert> Open => _alerts.Values.Where(a => a.Status == AlertStatus.Open);

    /// <summary>Open alert ids, e.g. <c>R01:S2</c>, sorted.</summary>
    public IReadOnlyList<string> OpenIds => Open.Select(a => a.AlertId).Order(StringComparer.Ordinal).ToList();

    /// <summary>Actions in force: not REINSTATE and not revoked by one, as (action kind, patient) strings sorted.</summary>
    public IReadOnlyList<IntegrityAction> InForce => IntegrityAction.InForce(_actions.Values);

    public IReadOnlyList<string> InForceIds => InForce.Select(a => a.ActionId).ToList();

    public static EngineDriver Run(params InputEvent[] events) => new EngineDriver().Apply(events);

    public static EngineDriver Run(ReferenceData reference, params InputEvent[] events) => new EngineDriver(reference).Apply(events);

    /// <summary>Applies the events and flushes once at the end (batch-like).</summary>
    public EngineDriver Apply(params InputEvent[] events)
    {
        foreach (var e in events)
        {
            Engine.Apply(e);
        }

        return Flush();
    }

    /// <summary>Applies and flushes after every event (stream-like), so intermediate raises and withdrawals happen.</summary>
    public EngineDriver ApplyEach(params InputEvent[] events)
    {
        foreach (var e in events)
        {
            Engine.Apply(e);
            Flush();
        }

        return this;
    }

    /// <summary>Takes over the records another driver's engine emitted (a restored engine continues that output).</summary>
    public EngineDriver Adopt(EngineDriver earlier)
    {
        foreach (var (id, a) in earlier._alerts)
        {
            _alerts[id] = a;
        }

        foreach (var (id, a) in earlier._actions)
        {
            _actions[id] = a;
        }

        return this;
    }

    /// <summary>Flushes and returns what this flush emitted (also kept as the final state).</summary>
    public EngineChanges FlushChanges()
    {
        var changes = Engine.Flush();
        foreach (var a in changes.Alerts)
        {
            _alerts[a.AlertId] = a;
        }

        foreach (var a in changes.Actions)
        {
            _actions[a.ActionId] = a;
        }

        return changes;
    }

    public EngineDriver Flush()
    {
        FlushChanges();
        return this;
    }

    public bool IsOpen(string rule, string settlementId) =>
        _alerts.TryGetValue(Alert.IdFor(rule, settlementId), out var a) && a.Status == AlertStatus.Open;

    public Alert OpenAlert(string rule, string settlementId) =>
        _alerts.TryGetValue(Alert.IdFor(rule, settlementId), out var a) && a.Status == AlertStatus.Open
            ? a
            : throw new Xunit.Sdk.XunitException($"expected an open {rule} alert on {settlementId}; open: {string.Join(", ", OpenIds)}");

    /// <summary>Open alerts of one rule, as settlement ids.</summary>
    public IReadOnlyList<string> OpenOf(string rule) =>
        Open.Where(a => a.Rule == rule).Select(a => a.SettlementId!).Order(StringComparer.Ordinal).ToList();
}
