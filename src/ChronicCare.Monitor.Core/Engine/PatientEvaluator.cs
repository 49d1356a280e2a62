using ChronicCare.Monitor.Alerts;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Integrity;
using ChronicCare.Monitor.Outliers;
using ChronicCare.Monitor.Policy;
using ChronicCare.Monitor.Rules;
using ChronicCare.Monitor.State;

namespace ChronicCare.Monitor.Engine;

/// <summary>
/// Re-evaluates one patient from the carry of pruned history over every kept settlement in supply order,
/// derives the automatic actions, and diffs both against what was last emitted. Evaluating from scratch is
/// what makes the result independent of arrival order (contract §3): the outcome is a function of the set of
/// non-reversed events, never of the path that led there. Touches only the patient's own state, so several
/// patients can be evaluated at once.
/// </summary>
internal sealed class PatientEvaluator
{
    private readonly DetectionPolicy _policy;
    private readonly OutlierModel? _model;
    private readonly FeatureCapture? _capture;
    private readonly bool _keepOutlierAlerts;
    private readonly double[] _raw = new double[OutlierFeatures.Count];
    private readonly double[] _scaled = new double[OutlierFeatures.Count];

    /// <param name="policy">The validated policy.</param>
    /// <param name="model">The outlier model R15 scores with; null = R15 off.</param>
    /// <param name="capture">Training only: where every settlement's features go.</param>
    /// <param name="keepOutlierAlerts">
    /// R15 is on but no model could be loaded: its alerts stand as they were (a model that fails to load is not a
    /// reason to withdraw what the last one found), where R15 turned off withdraws them.
    /// </param>
    public PatientEvaluator(DetectionPolicy policy, OutlierModel? model = null, FeatureCapture? capture = null, bool keepOutlierAlerts = false)
    {
        _policy = policy;
        _model = model;
        _capture = capture;
        _keepOutlierAlerts = keepOutlierAlerts && model is null;
    }

    public PatientChanges Evaluate(PatientState st, EngineView view, DateOnly horizon, DateTimeOffset now)
    {
        var carry = st.Carry;
        var ledger = carry?.Ledger.Clone() ?? new SupplyLedger();
        var designation = carry?.Designation.Clone() ?? new DesignationTracker();
        var quota = carry?.Quota.Clone() ?? new QuotaTracker();
        var settlements = st.Settlements;
        var prune = settlements.Count > 0 && settlements[0].ServiceDate < horizon && horizon > (carry?.Horizon ?? DateOnly.MinValue);
        var pruneCount = -1;
        (SupplyLedger, DesignationTracker, QuotaTracker)? snapshot = null;
        var drafts = new List<AlertDraft>();
        var eligibility = new List<(SettlementFacts Facts, List<string> Reasons, bool Trigger)>(settlements.Count);
        var suspendTriggers = new List<SuspendTrigger>();
        for (var i = 0; i < settlements.Count; i++)
        {
            var s = settlements[i];
            if (prune && pruneCount < 0 && s.ServiceDate >= horizon)
            {
                snapshot = (ledger.Snapshot(horizon), designation.Snapshot(horizon), quota.Snapshot(horizon));
                pruneCount = i;
            }

            var facts = new SettlementFacts(s, view.Reference, st.Late?.Contains(s.SettlementId) == true, carry?.Horizon ?? horizon);
            // R15 scores settlements within the allowed lateness only: one older than the carry's horizon would read a
            // carry that already holds its later fills (a supply "left" that was dispensed afterwards).
            var scored = (carry is null || s.ServiceDate >= carry.Horizon) && ExtractFeatures(facts, ledger, quota);
            EvaluateRecordRules(facts, st, view, ledger, designation, quota, drafts, suspendTriggers);
            if (scored)
            {
                Add(drafts, OutlierRule.Evaluate(facts, _model!, _raw, _scaled));
            }

            var reasons = EligibilityRule.RecordReasons(facts, out var statusTrigger);
            if (statusTrigger)
            {
                suspendTriggers.Add(new SuspendTrigger(s, "R06", Alert.IdFor("R06", s.SettlementId)));
            }

            eligibility.Add((facts, reasons, statusTrigger));
        }

        if (prune && pruneCount < 0)
        {
            snapshot = (ledger.Snapshot(horizon), designation.Snapshot(horizon), quota.Snapshot(horizon));
            pruneCount = settlements.Count;
        }

        var actions = DesiredActions(st, drafts, suspendTriggers, now);

        // R06 last: a sanction in force at a settlement's instant makes it ineligible (contract §3, §5). An action a
        // reviewer reinstated stops covering settlements after the reinstatement.
        var reinstated = SanctionLadder.ReinstatedAt(actions);
        var desiredIds = actions.Select(a => a.ActionId).ToList();
        actions = Issued(st, actions, reinstated);
        var inForce = reinstated.Count == 0 ? actions : actions.Select(a => EndedAt(a, reinstated)).ToList();

        // R06's evidence cites the actions without the re-issue generation, which depends on the path the events took.
        var evidenceIds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            evidenceIds[actions[i].ActionId] = desiredIds[i];
        }

        foreach (var (facts, reasons, trigger) in eligibility)
        {
            var actionIds = new List<string>();
            EligibilityRule.AddActionReasons(facts.Settlement, inForce, evidenceIds, reasons, actionIds);
            if (reasons.Count > 0)
            {
                drafts.Add(EligibilityRule.Draft(facts, reasons, actionIds, trigger));
            }
        }

        var changes = new PatientChanges();
        DiffAlerts(st, drafts, now, changes);
        DiffActions(st, actions, reinstated, now, changes);
        if (prune)
        {
            Prune(st, horizon, pruneCount, snapshot!.Value, drafts, actions, changes);
            KeepPrunedUses(st, horizon, changes.Pruned);
        }

        return changes;
    }

    /// <summary>
    /// The settlement's outlier features (R15), read from the ledger and quota sums before the rules stack it; true
    /// when they were extracted with the model's tables and R15 should score them.
    /// </summary>
    private bool ExtractFeatures(SettlementFacts facts, SupplyLedger ledger, QuotaTracker quota)
    {
        if (_capture is { } capture)
        {
            OutlierFeatures.Extract(facts, ledger, quota, capture.Tables, _raw);
            capture.Add(facts.Settlement.SettlementId, _raw);
            if (_model is { } m && !ReferenceEquals(m.Tables, capture.Tables))
            {
                OutlierFeatures.Extract(facts, ledger, quota, m.Tables, _raw);
            }
        }
        else if (_model is { } m)
        {
            OutlierFeatures.Extract(facts, ledger, quota, m.Tables, _raw);
        }

        return _model is not null;
    }

    private void EvaluateRecordRules(
        SettlementFacts facts,
        PatientState st,
        EngineView view,
        SupplyLedger ledger,
        DesignationTracker designation,
        QuotaTracker quota,
        List<AlertDraft> drafts,
        List<SuspendTrigger> suspendTriggers)
    {
        SupplyRules.Evaluate(facts, _policy.Supply, ledger, drafts);
        Add(drafts, DurationRule.Evaluate(facts, _policy.Supply));
        Add(drafts, DesignationRule.Evaluate(facts, designation));
        if (IdentityRule.Evaluate(facts, _policy.Identity, view.Cards, view.Reference) is { } r05)
        {
            drafts.Add(r05);
            if (r05.SuspendTrigger)
            {
                suspendTriggers.Add(new SuspendTrigger(facts.Settlement, "R05", r05.AlertId));
            }
        }

        if (st.Stays.Count > 0)
        {
            Add(drafts, HospitalStayRule.Evaluate(facts, st.Stays.Values));
        }

        Add(drafts, DemographicRule.Evaluate(facts));
        Add(drafts, DrugDiseaseRule.Evaluate(facts));
        Add(drafts, PrescriptionRule.Evaluate(facts, _policy.Prescription));
        Add(drafts, QuotaRule.Evaluate(facts, _policy.Quota, quota));
        Add(drafts, CardCollectionRule.Evaluate(facts, _policy.CardCollection, view.Presenters));
    }

    private static void Add(List<AlertDraft> drafts, AlertDraft? draft)
    {
        if (draft is not null)
        {
            drafts.Add(draft);
        }
    }

    private List<IntegrityAction> DesiredActions(PatientState st, List<AlertDraft> drafts, List<SuspendTrigger> suspendTriggers, DateTimeOffset now)
    {
        // Automatic only: the triage-driven ones are recomputed from the reviews (a state saved before the carry
        // dropped them may still hold some).
        var carried = (st.Carry?.Actions ?? []).Where(a => a.Automatic).ToList();
        var actions = new List<IntegrityAction>(carried);
        if (AutomaticActions.Warning(st.PatientId, drafts, st.Carry?.HadIncident == true, _policy.Integrity, now) is { } warning)
        {
            actions.Add(warning);
        }

        var carriedSuspend = carried.Any(a => a.Action == ActionKind.Suspend);
        if (AutomaticActions.Suspend(st.PatientId, suspendTriggers, carriedSuspend, now) is { } suspend)
        {
            actions.Add(suspend);
        }

        if (st.Reviews is { Count: > 0 } reviews)
        {
            // Reviews are never pruned and the carry keeps automatic actions only: the ladder's are recomputed whole.
            actions.AddRange(SanctionLadder.Actions(st.PatientId, reviews.Values, _policy.Integrity));
            return SanctionLadder.Targeted(actions);
        }

        return actions;
    }

    private static IntegrityAction EndedAt(IntegrityAction a, Dictionary<string, long> reinstated) =>
        reinstated.TryGetValue(a.ActionId, out var t) && (a.EffectiveUntil is null || t < a.EffectiveUntil.Value.UtcTicks)
            ? a with { EffectiveUntil = new Timestamp(new DateTimeOffset(Math.Max(t, a.EffectiveFrom.UtcTicks), TimeSpan.Zero)) }
            : a;

    private void DiffAlerts(PatientState st, List<AlertDraft> drafts, DateTimeOffset now, PatientChanges changes)
    {
        var desired = new HashSet<string>(drafts.Count, StringComparer.Ordinal);
        foreach (var d in drafts)
        {
            var s = d.Settlement;
            var id = d.AlertId;
            desired.Add(id);
            var record = new Alert(id, d.Rule, AlertStatus.Open, _policy.SeverityOf(d.Rule), s.PatientId, s.SettlementId, s.FacilityId, null,
                s.SettledAt.ToString(), now, d.Score, d.EvidenceJson, d.MessageZh, d.MessageEn);
            if (st.Alerts.TryGetValue(id, out var prev) && prev.Record.SameContent(record))
            {
                continue;
            }

            st.Alerts[id] = new EmittedAlert(record, s.ServiceDate.DayNumber);
            changes.Alerts.Add(record);
        }

        List<EmittedAlert>? withdrawn = null;
        foreach (var (id, prev) in st.Alerts)
        {
            if (prev.Record.Status == AlertStatus.Open && !desired.Contains(id) && !(_keepOutlierAlerts && prev.Record.Rule == OutlierRule.Code))
            {
                (withdrawn ??= []).Add(prev with { Record = prev.Record with { Status = AlertStatus.Withdrawn, DetectedAt = now } });
            }
        }

        foreach (var w in withdrawn ?? [])
        {
            st.Alerts[w.Record.AlertId] = w;
            changes.Alerts.Add(w.Record);
        }
    }

    /// <summary>
    /// The desired actions under the ids they are (or will be) emitted with: an action revoked automatically earlier
    /// and needed again is issued afresh under a new generation id (<c>#2</c>, …); one a reviewer ended stays ended. Done
    /// before R06 so a reviewer's REINSTATE of a re-issued action (which names the <c>#N</c> id) ends it there too.
    /// </summary>
    private static List<IntegrityAction> Issued(PatientState st, List<IntegrityAction> desired, Dictionary<string, long> reinstated)
    {
        var issued = new List<IntegrityAction>(desired.Count);
        foreach (var a in desired)
        {
            var action = a;
            for (var gen = 2; !reinstated.ContainsKey(action.ActionId) && st.Actions.TryGetValue(AutomaticActions.ReinstateId(action.ActionId), out var r) && r.Automatic; gen++)
            {
                action = a with { ActionId = $"{a.ActionId}#{gen}" };
            }

            issued.Add(action);
        }

        return issued;
    }

    private static void DiffActions(PatientState st, List<IntegrityAction> desired, Dictionary<string, long> reinstated, DateTimeOffset now, PatientChanges changes)
    {
        var desiredIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in desired)
        {
            desiredIds.Add(action.ActionId);
            if (st.Actions.TryGetValue(action.ActionId, out var prev) && prev.SameContent(action))
            {
                continue;
            }

            st.Actions[action.ActionId] = action;
            changes.Actions.Add(action);
        }

        List<IntegrityAction>? revoke = null;
        foreach (var (id, prev) in st.Actions)
        {
            if (prev.Action != ActionKind.Reinstate && !desiredIds.Contains(id) && !st.Actions.ContainsKey(AutomaticActions.ReinstateId(id))
                && !reinstated.ContainsKey(id))
            {
                // contract §5: an automatic action whose triggering alerts are all withdrawn is revoked automatically;
                // so is a triage-driven one whose confirmation a later decision dismissed.
                (revoke ??= []).Add(new IntegrityAction(AutomaticActions.ReinstateId(id), st.PatientId, ActionKind.Reinstate, prev.EffectiveFrom, null,
                    prev.ReasonRule, prev.AlertIds, true, null, id, now));
            }
        }

        foreach (var r in revoke ?? [])
        {
            st.Actions[r.ActionId] = r;
            changes.Actions.Add(r);
        }
    }

    private static void Prune(PatientState st, DateOnly horizon, int count, (SupplyLedger, DesignationTracker, QuotaTracker) snapshot,
        List<AlertDraft> drafts, List<IntegrityAction> actions, PatientChanges changes)
    {
        var pruned = st.Settlements.GetRange(0, count);
        st.Settlements.RemoveRange(0, count);
        var hadIncident = st.Carry?.HadIncident == true
            || drafts.Any(d => d.Settlement.ServiceDate < horizon && AutomaticActions.IsOverPrescribing(d.Rule));
        st.Carry = new PatientCarry
        {
            Horizon = horizon,
            Ledger = snapshot.Item1,
            Designation = snapshot.Item2,
            Quota = snapshot.Item3,
            HadIncident = hadIncident,
            // Only automatic actions: the triage-driven ones are recomputed from the reviews, which are never pruned,
            // so a later dismissal or reinstatement still changes them.
            Actions = actions.Where(a => a.Automatic && a.EffectiveFrom.ServiceDate < horizon).ToArray(),
        };
        var h = horizon.DayNumber;
        foreach (var id in st.Alerts.Where(kv => kv.Value.ServiceDay < h).Select(kv => kv.Key).ToList())
        {
            st.Alerts.Remove(id);
        }

        foreach (var stay in st.Stays.Values.Where(s => s.DischargedOn < horizon).ToList())
        {
            st.Stays.Remove(stay.StayId);
        }

        foreach (var s in pruned)
        {
            st.Late?.Remove(s.SettlementId);
        }

        changes.Pruned.AddRange(pruned);
    }

    /// <summary>
    /// Remembers the pruned settlements' card and presenter uses for as long as the engine's use index may hold
    /// them, so an engine restored from this patient's export indexes them too (<see cref="PrunedUse"/>). The
    /// index keeps the horizon minus the R14 window and a day and prunes at most weekly: a week more covers it.
    /// </summary>
    private void KeepPrunedUses(PatientState st, DateOnly horizon, List<Settlement> pruned)
    {
        var keepFrom = horizon.AddDays(-_policy.CardCollection.WindowDays - 8).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).Ticks;
        var uses = st.PrunedUses ??= [];
        uses.RemoveAll(u => u.Use.UtcTicks < keepFrom);
        foreach (var s in pruned)
        {
            if (s.SettledAt.UtcTicks >= keepFrom)
            {
                uses.Add(PrunedUse.Of(s));
            }
        }

        if (uses.Count == 0)
        {
            st.PrunedUses = null;
        }
    }
}

/// <summary>What one patient's evaluation changed: alert and action records to emit, settlements pruned.</summary>
internal sealed class PatientChanges
{
    public List<Alert> Alerts { get; } = [];

    public List<IntegrityAction> Actions { get; } = [];

    public List<Settlement> Pruned { get; } = [];
}
