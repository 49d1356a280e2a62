namespace ChronicCare.Monitor.Simulation.Tests.Support;

/// <summary>
/// The exact rules of contract §3 (R01-R11, R14, with the automatic SUSPEND of §5 feeding R06) computed
/// straight from the table over the non-reversed settlements of the files. Written independently of the
/// simulator's own evaluator: the two agreeing is the test.
/// </summary>
internal static class ContractOracle
{
    public static Dictionary<string, SortedSet<string>> Alerts(ContractData d)
    {
        var alerts = new Dictionary<string, SortedSet<string>>();
        void Raise(ContractData.Settlement s, string rule)
        {
            if (!alerts.TryGetValue(s.Id, out var set))
            {
                alerts[s.Id] = set = [];
            }

            set.Add(rule);
        }

        var live = d.Live.ToList();
        var stays = d.Stays.Values.ToLookup(st => st.PatientId);
        foreach (var group in live.GroupBy(s => s.PatientId))
        {
            var order = group.OrderBy(s => s.Date).ThenBy(s => s.SettledAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            var patient = d.Patients[group.Key];
            Supply(d, order, Raise);
            Designation(d, patient, order, Raise);
            Eligibility(patient, stays[group.Key].ToList(), order, Raise);
            DrugRules(d, patient, order, Raise);
            Quota(d, order, Raise);
        }

        Identity(d, live, Raise);
        CardCollection(live, Raise);
        return alerts;
    }

    private static void Supply(ContractData d, List<ContractData.Settlement> order, Action<ContractData.Settlement, string> raise)
    {
        var covered = new Dictionary<string, DateOnly>();
        var earlier = new Dictionary<string, List<(DateOnly Date, int Days, string Facility)>>();
        foreach (var s in order)
        {
            foreach (var line in s.Lines.Where(l => l.ItemType == "drug").OrderBy(l => l.LineNo))
            {
                var days = line.DaysSupply!.Value;
                if (days > (s.LongPrescription ? 84 : 30))
                {
                    raise(s, "R02");
                }

                var ingredient = d.Drugs[line.ItemCode].Ingredient;
                var cu = covered.GetValueOrDefault(ingredient, DateOnly.MinValue);
                var remaining = cu > s.Date ? cu.DayNumber - s.Date.DayNumber : 0;
                var tolerance = Math.Max(7, days / 5);
                var lines = earlier.TryGetValue(ingredient, out var l) ? l : earlier[ingredient] = [];
                if (remaining > tolerance)
                {
                    var otherFacility = lines.Any(e => e.Date.AddDays(e.Days) > s.Date && e.Facility != s.FacilityId);
                    raise(s, otherFacility ? "R03" : "R01");
                }

                covered[ingredient] = (cu > s.Date ? cu : s.Date).AddDays(days);
                lines.Add((s.Date, days, s.FacilityId));
            }
        }
    }

    private static void Designation(ContractData d, ContractData.Patient p, List<ContractData.Settlement> order, Action<ContractData.Settlement, string> raise)
    {
        var first = new Dictionary<(int, string), string>();
        foreach (var s in order)
        {
            var cls = d.Facilities[s.FacilityId].Class;
            if (cls is null)
            {
                continue;
            }

            var key = (s.Date.Year, cls);
            first.TryAdd(key, s.FacilityId);
            string? designated = null;
            if (p.Designated.TryGetValue(s.Date.Year, out var year))
            {
                designated = cls == "grassroots" ? year.Grassroots : year.Hospital;
            }

            if (s.FacilityId != (designated ?? first[key]))
            {
                raise(s, "R04");
            }
        }
    }

    private static bool FailedFace(ContractData.Settlement s) => s.Method == "face" && (s.FaceScore is null || s.FaceScore < 0.80m);

    private static void Identity(ContractData d, List<ContractData.Settlement> live, Action<ContractData.Settlement, string> raise)
    {
        foreach (var s in live)
        {
            if (!s.Verified || FailedFace(s) || (s.Method == "proxy" && s.ProxyId is null) || !d.Patients[s.PatientId].Cards.Contains(s.CardId))
            {
                raise(s, "R05");
            }
        }

        foreach (var card in live.GroupBy(s => s.CardId))
        {
            var list = card.OrderBy(s => s.SettledAt).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count && list[j].SettledAt - list[i].SettledAt <= TimeSpan.FromMinutes(60); j++)
                {
                    if (d.Facilities[list[i].FacilityId].City != d.Facilities[list[j].FacilityId].City)
                    {
                        raise(list[i], "R05");
                        raise(list[j], "R05");
                    }
                }
            }
        }
    }

    private static void Eligibility(ContractData.Patient p, List<ContractData.Stay> stays, List<ContractData.Settlement> order, Action<ContractData.Settlement, string> raise)
    {
        DateTimeOffset? suspendedFrom = null;
        foreach (var s in order)
        {
            var status = p.StatusOn(s.Date);
            var approval = p.Approvals.Where(a => a.Disease == s.DiseaseCode).ToList();
            var covered = approval.Any(a => s.Date >= new DateOnly(a.ApprovedOn.Year, a.ApprovedOn.Month, 1).AddMonths(1) && s.Date <= a.ValidUntil);
            var r06 = status != "active" || !covered || (suspendedFrom is { } t && s.SettledAt > t);
            if (r06)
            {
                raise(s, "R06");
            }

            foreach (var st in stays)
            {
                var admitted = DateOnly.FromDateTime(st.Admitted!.Value.DateTime);
                var discharged = st.Discharged is { } x ? DateOnly.FromDateTime(x.DateTime) : DateOnly.MaxValue;
                if (s.Date > admitted && s.Date < discharged)
                {
                    raise(s, "R07");
                }
            }

            // §5 automatic SUSPEND: a failed face check, a card not the patient's, R06 for a deceased or
            // transferred patient; later settlements are judged against it.
            var suspends = FailedFace(s) || !p.Cards.Contains(s.CardId) || status is "deceased" or "transferred";
            if (suspends && suspendedFrom is null)
            {
                suspendedFrom = s.SettledAt;
            }
        }
    }

    private static void DrugRules(ContractData d, ContractData.Patient p, List<ContractData.Settlement> order, Action<ContractData.Settlement, string> raise)
    {
        foreach (var s in order)
        {
            var facility = d.Facilities[s.FacilityId];
            var age = p.AgeOn(s.Date);
            var drugs = s.Lines.Where(l => l.ItemType == "drug").ToList();
            foreach (var line in drugs)
            {
                var drug = d.Drugs[line.ItemCode];
                if ((drug.Gender is not null && drug.Gender != p.Gender) || age < drug.MinAge || age > drug.MaxAge)
                {
                    raise(s, "R08");
                }

                if (!drug.Diseases.Contains(s.DiseaseCode))
                {
                    raise(s, "R09");
                }

                if (facility.EssentialOnly && !drug.Essential)
                {
                    raise(s, "R10");
                }
            }

            if (drugs.Select(l => l.ItemCode).Distinct().Count() > 5 && facility.Kind != "pharmacy" && facility.Level <= 2 && string.IsNullOrWhiteSpace(s.Note))
            {
                raise(s, "R10");
            }
        }
    }

    private static void Quota(ContractData d, List<ContractData.Settlement> order, Action<ContractData.Settlement, string> raise)
    {
        for (var i = 0; i < order.Count; i++)
        {
            var s = order[i];
            var quota = d.Quotas[s.DiseaseCode];
            var sum = order.Take(i + 1)
                .Where(o => o.DiseaseCode == s.DiseaseCode && o.Date.Year == s.Date.Year
                    && (s.LongPrescription ? (o.Date.Month - 1) / 3 == (s.Date.Month - 1) / 3 : o.Date.Month == s.Date.Month))
                .Sum(o => o.DrugAmount);
            if (sum > (s.LongPrescription ? 3 * quota : quota))
            {
                raise(s, "R11");
            }
        }
    }

    private static void CardCollection(List<ContractData.Settlement> live, Action<ContractData.Settlement, string> raise)
    {
        foreach (var presenter in live.Where(s => s.Method != "proxy").GroupBy(s => s.PresenterId))
        {
            var list = presenter.OrderBy(s => s.SettledAt).ToList();
            if (list.Select(s => s.PatientId).Distinct().Count() < 3)
            {
                continue;
            }

            foreach (var s in list)
            {
                var patients = list.Where(o => o.SettledAt > s.SettledAt.AddDays(-30) && o.SettledAt <= s.SettledAt).Select(o => o.PatientId).Distinct().Count();
                if (patients >= 3)
                {
                    raise(s, "R14");
                }
            }
        }
    }
}
