using System.Runtime.CompilerServices;
using System.Text.Json;
using ChronicCare.Monitor.Simulation.Fraud;
using ChronicCare.Monitor.Simulation.Fraud.Patterns;
using ChronicCare.Monitor.Simulation.Output;
using ChronicCare.Monitor.Simulation.Patients;
using ChronicCare.Monitor.Simulation.Rules;
using ChronicCare.Monitor.Simulation.Timeline;

namespace ChronicCare.Monitor.Simulation;

/// <summary>
/// One run: writes the reference files, then generates and writes patients one by one (a card-collection ring:
/// four at a time), then the facility-level labels; delivery noise is <see cref="EventStream"/>'s job.
/// </summary>
/// <remarks>
/// Hot-path methods across the simulator carry <see cref="MethodImplOptions.AggressiveOptimization"/>: a run of a
/// million events lasts a few seconds, too short for tiered compilation (with PGO's instrumented tier) to settle,
/// and compiling them optimized at once made such runs about 1.5 times faster here.
/// </remarks>
internal sealed class SimulationRun
{
    private const int ProgressEvery = 256;
    private readonly SimulationContext _ctx;
    private readonly bool _verify;
    private readonly FraudPlan _plan;
    private readonly TimelineBuilder _builder;
    private readonly PatientRuleEvaluator _evaluator;
    private readonly FraudInjector _injector;
    private readonly LenderPool _lenders;
    private readonly SortedDictionary<string, int> _labelsByPattern = new(StringComparer.Ordinal);
    private JsonlWriter _patients = null!;
    private EventStream _events = null!;
    private JsonlWriter _labels = null!;
    private int _done;
    private int _rings;

    public SimulationRun(SimulationOptions options, bool verify)
    {
        _ctx = new SimulationContext(options);
        _verify = verify;
        _plan = FraudPlan.Create(_ctx);
        _builder = new TimelineBuilder(_ctx);
        _evaluator = new PatientRuleEvaluator(_ctx);
        _injector = new FraudInjector(_ctx, _builder, _evaluator);
        _lenders = new LenderPool(_ctx.World.Cities.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SimulationSummary Execute(IProgress<SimulationProgress>? progress, CancellationToken ct)
    {
        var dir = _ctx.Options.OutDir;
        Directory.CreateDirectory(dir);
        long bytes = WriteReference(dir);
        using (_patients = new JsonlWriter(Path.Combine(dir, "patients.jsonl"), unicodeText: true))
        using (_events = new EventStream(Path.Combine(dir, "events.jsonl"), _ctx))
        using (_labels = new JsonlWriter(Path.Combine(dir, "labels.jsonl")))
        {
            PatientProfile? previous = null;
            var n = _ctx.Patients;
            var i = 0;
            while (i < n)
            {
                ct.ThrowIfCancellationRequested();
                var slot = _plan.At(i);
                if (slot is { Pattern.Scope: PatternScope.Ring })
                {
                    previous = Ring(i, previous);
                    i += CardCollectionPattern.RingSize;
                }
                else
                {
                    previous = Single(i, slot, previous);
                    i++;
                }

                _events.Release(i, all: false);
                if (progress is not null && i / ProgressEvery != _done / ProgressEvery)
                {
                    progress.Report(new SimulationProgress(_events.Lines, _events.Lines * n / Math.Max(1, i), i, n));
                }

                _done = i;
            }

            _events.Release(n, all: true);
            WriteFacilityLabels();
            progress?.Report(new SimulationProgress(_events.Lines, _events.Lines, n, n));
        }

        bytes += _patients.Bytes + _events.Bytes + _labels.Bytes;
        return new SimulationSummary
        {
            Patients = _ctx.Patients,
            Facilities = _ctx.World.Facilities.Length,
            Drugs = _ctx.Catalog.Drugs.Length,
            Diseases = _ctx.Catalog.Diseases.Length,
            Settlements = _events.Settlements,
            Reversals = _events.Reversals,
            Admissions = _events.Admissions,
            Discharges = _events.Discharges,
            DuplicateDeliveries = _events.Duplicates,
            LateArrivals = _events.Late,
            EventLines = _events.Lines,
            Labels = _labelsByPattern.Values.Sum(),
            LabelsByPattern = _labelsByPattern,
            BytesWritten = bytes,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PatientProfile Single(int index, PlannedSlot? slot, PatientProfile? previous)
    {
        var req = slot is { } s ? s.Pattern.Requirements(_ctx, s.Variant) : ProfileRequirements.None;
        var profile = Build(index, req, previous);
        PatientTimeline timeline;
        LabelDraft? label = null;
        if (slot is { } planned)
        {
            (timeline, label) = _injector.Inject(profile, planned, _lenders);
        }
        else
        {
            timeline = _builder.Build(profile, null);
            timeline.AssignIds(index);
        }

        if (label is null)
        {
            Verify(profile, timeline);
            if (slot is null)
            {
                _lenders.Add(profile.City, profile.Cards[0]);
            }
        }

        Emit(profile, timeline);
        if (label is not null)
        {
            WriteLabel(label);
        }

        return profile;
    }

    private PatientProfile? Ring(int first, PatientProfile? previous)
    {
        var members = new List<(PatientProfile Patient, PatientTimeline Timeline)>();
        var req = new ProfileRequirements { FullCoverage = true };
        for (var k = 0; k < CardCollectionPattern.RingSize; k++)
        {
            var profile = Build(first + k, req, previous);
            var timeline = _builder.Build(profile, null);
            timeline.AssignIds(first + k);
            members.Add((profile, timeline));
            previous = profile;
        }

        var collector = _ctx.ExtraPersonId(_rings++);
        var label = CardCollectionRing.Apply(_ctx, members, collector, Rng.Fork(_ctx.Seed, Streams.Ring, first));
        foreach (var (profile, timeline) in members)
        {
            Verify(profile, timeline);
            Emit(profile, timeline);
        }

        if (label is not null)
        {
            WriteLabel(label);
        }

        return previous;
    }

    private PatientProfile Build(int index, ProfileRequirements req, PatientProfile? previous)
    {
        // Spouses: pairs (2k, 2k+1) are one household with probability 8%; the second copies the first's home.
        var pairedWithNext = index % 2 == 0 && index + 1 < _ctx.Patients && Paired(index / 2);
        var pairedWithPrevious = index % 2 == 1 && previous is not null && previous.Index == index - 1 && Paired(index / 2);
        var spouseIndex = pairedWithNext ? index + 1 : pairedWithPrevious ? index - 1 : -1;
        return PatientBuilder.Build(_ctx, index, req, pairedWithPrevious ? previous : null, spouseIndex);
    }

    private bool Paired(int pair) => Rng.Fork(_ctx.Seed, Streams.Household, pair).Chance(0.08);

    /// <summary>In verifying runs, an unlabelled patient that fires an exact rule is a generator bug.</summary>
    private void Verify(PatientProfile profile, PatientTimeline timeline)
    {
        if (!_verify)
        {
            return;
        }

        foreach (var (s, rules) in _evaluator.Evaluate(profile, timeline))
        {
            if (rules != 0)
            {
                throw new InvalidOperationException(
                    $"ordinary patient {profile.Id} fires {string.Join(",", RuleSet.Rules(rules).Select(RuleSet.Name))} on {s.Id}");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Emit(PatientProfile p, PatientTimeline timeline)
    {
        _plan.Facilities.Apply(p, timeline, Rng.Fork(_ctx.Seed, Streams.Inflation, p.Index));
        ReferenceWriter.Patient(_patients.Begin(), _ctx, p);
        _patients.End();
        _patients.FlushIfFull();
        _events.Write(p, timeline, _done);
    }

    private void WriteLabel(LabelDraft label)
    {
        _labelsByPattern.TryGetValue(label.Pattern, out var count);
        _labelsByPattern[label.Pattern] = count + 1;
        LabelWriter.Label(_labels.Begin(), _labelsByPattern.Values.Sum(), label);
        _labels.End();
        _labels.FlushIfFull();
    }

    /// <summary>
    /// R12 labels once every patient is written. A target facility with fewer than 30 settlements that month
    /// cannot meet R12's minimum, so it is labelled for the model only (no rule).
    /// </summary>
    private void WriteFacilityLabels()
    {
        foreach (var t in _plan.Facilities.Targets)
        {
            if (t.SettlementIds.Count == 0)
            {
                continue;
            }

            var month = new DateOnly(_ctx.Start.Year, _ctx.Start.Month, 1).AddMonths(t.MonthIndex);
            WriteLabel(new LabelDraft
            {
                Pattern = "facility_cost_inflation",
                Rules = t.Settlements >= 30 ? RuleSet.Of(12) : RuleSet.None,
                SettlementIds = t.SettlementIds,
                FacilityId = _ctx.World.Facilities[t.Facility].Id,
                Period = $"{month.Year:D4}-{month.Month:D2}",
            });
        }
    }

    private long WriteReference(string dir) =>
        WriteAll(Path.Combine(dir, "facilities.jsonl"), _ctx.World.Facilities, ReferenceWriter.Facility)
        + WriteAll(Path.Combine(dir, "drugs.jsonl"), _ctx.Catalog.Drugs, (w, d) => ReferenceWriter.Drug(w, _ctx.Catalog, d))
        + WriteAll(Path.Combine(dir, "diseases.jsonl"), _ctx.Catalog.Diseases, ReferenceWriter.Disease);

    private static long WriteAll<T>(string path, T[] items, Action<Utf8JsonWriter, T> write)
    {
        using var w = new JsonlWriter(path, unicodeText: true);
        foreach (var item in items)
        {
            write(w.Begin(), item);
            w.End();
        }

        w.Close();
        return w.Bytes;
    }
}
