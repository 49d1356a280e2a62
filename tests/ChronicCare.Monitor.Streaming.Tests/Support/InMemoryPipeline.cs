using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Streaming.InMemory;
using ChronicCare.Monitor.Streaming.Output;
using ChronicCare.Monitor.Streaming.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChronicCare.Monitor.Streaming.Tests.Support;

/// <summary>
/// The stage-test driver: partitioned logs standing in for the events topic, the in-memory stores, durable output
/// lists, and runtime instances that assign, poll, commit, crash (vanish without committing) and revoke, as
/// Kafka would make them. Rechecks a commit writes are appended to the logs like any record.
/// </summary>
internal sealed class InMemoryPipeline
{
    private readonly List<(string? Key, byte[] Value, bool Recheck)>[] _logs;
    private readonly string _referenceDir;

    public InMemoryPipeline(Dataset data, int partitions = 4)
    {
        _referenceDir = data.ReferenceDir;
        _logs = Enumerable.Range(0, partitions).Select(_ => new List<(string?, byte[], bool)>()).ToArray();
        foreach (var (key, value) in data.Messages)
        {
            Append(key, value, recheck: false);
        }
    }

    public int PartitionCount => _logs.Length;

    public InMemoryStateStore States { get; } = new();

    public InMemoryUseStore Uses { get; } = new();

    public List<Alert> Alerts { get; } = [];

    public List<IntegrityAction> Actions { get; } = [];

    public List<DeadLetter> DeadLetters { get; } = [];

    public Outcome Outcome => Outcome.Of(Alerts, Actions);

    public Instance Start() => new(this);

    /// <summary>Polls and commits every instance in turn until all of them have consumed and committed everything they own.</summary>
    public static async Task RunToEnd(params Instance[] instances)
    {
        while (instances.Any(i => !i.CaughtUp || i.Runtime.HasUncommitted))
        {
            foreach (var i in instances)
            {
                i.Poll(200);
            }

            foreach (var i in instances)
            {
                await i.Commit();
            }
        }
    }

    private void Append(string? key, byte[] value, bool recheck)
    {
        var p = key is null ? 0 : (int)(Fnv1a(key) % (uint)_logs.Length);
        _logs[p].Add((key, value, recheck));
    }

    private static uint Fnv1a(string key)
    {
        var h = 2166136261u;
        foreach (var c in key)
        {
            h = (h ^ c) * 16777619u;
        }

        return h;
    }

    /// <summary>One processor: what it owns, where it reads, and its buffered (not yet durable) output.</summary>
    internal sealed class Instance : IStreamOutput
    {
        private readonly InMemoryPipeline _pipeline;
        private readonly Dictionary<int, int> _positions = [];
        private readonly List<Action> _buffered = [];

        public Instance(InMemoryPipeline pipeline)
        {
            _pipeline = pipeline;
            Runtime = new StreamRuntime(DetectionPolicy.Default, ReferenceLoader.Load(pipeline._referenceDir), TimeProvider.System,
                pipeline.States, pipeline.Uses, this, StoreResilience.Create(TimeProvider.System, TimeSpan.FromMilliseconds(500)), NullLogger.Instance, "events")
            {
                // R15 on, with the model `run` uses by default: the stream's outcome is compared with BatchDetect's.
                Outliers = new Monitor.Outliers.OutlierModelSlot(BatchDetect.DefaultModel),
            };
        }

        public StreamRuntime Runtime { get; }

        /// <summary>When set, output flushes throw it (the output topic unreachable).</summary>
        public Exception? OutputFailure { get; set; }

        public bool CaughtUp => _positions.All(kv => kv.Value >= _pipeline._logs[kv.Key].Count);

        public async Task Assign(params int[] partitions)
        {
            foreach (var p in partitions)
            {
                var next = await Runtime.AssignAsync(p, CancellationToken.None);
                _positions[p] = next < 0 ? 0 : (int)next;
            }
        }

        public void Revoke(int partition)
        {
            Runtime.Revoke(partition);
            _positions.Remove(partition);
        }

        /// <summary>Accepts up to <paramref name="max"/> messages, taking the owned partitions in turn.</summary>
        public int Poll(int max)
        {
            var n = 0;
            var progressed = true;
            while (n < max && progressed)
            {
                progressed = false;
                foreach (var p in _positions.Keys.ToList())
                {
                    var log = _pipeline._logs[p];
                    if (_positions[p] < log.Count && n < max)
                    {
                        var (key, value, recheck) = log[_positions[p]];
                        Runtime.Accept(p, _positions[p], key, value, recheck ? InternalRecord.Recheck : InternalRecord.None);
                        _positions[p]++;
                        n++;
                        progressed = true;
                    }
                }
            }

            return n;
        }

        public Task Commit() => Runtime.CommitAsync(CancellationToken.None);

        /// <summary>Polls and commits every <paramref name="commitEvery"/> messages until every owned partition (rechecks included) is consumed.</summary>
        public async Task RunToEnd(int commitEvery)
        {
            while (Poll(commitEvery) > 0 || Runtime.HasUncommitted)
            {
                await Commit();
            }
        }

        void IStreamOutput.Alert(Alert alert) => _buffered.Add(() => _pipeline.Alerts.Add(alert));

        void IStreamOutput.Action(IntegrityAction action) => _buffered.Add(() => _pipeline.Actions.Add(action));

        void IStreamOutput.DeadLetter(DeadLetter deadLetter) => _buffered.Add(() => _pipeline.DeadLetters.Add(deadLetter));

        void IStreamOutput.Recheck(string patientId) => _buffered.Add(() => _pipeline.Append(patientId, """{"type":"recheck"}"""u8.ToArray(), recheck: true));

        Task IStreamOutput.FlushAsync(CancellationToken ct)
        {
            if (OutputFailure is { } e)
            {
                // Like a producer whose deliveries failed: what was sent is gone; only a resend brings it.
                _buffered.Clear();
                throw e;
            }

            _buffered.ForEach(a => a());
            _buffered.Clear();
            return Task.CompletedTask;
        }
    }
}
