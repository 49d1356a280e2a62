using System.Runtime.CompilerServices;
using ChronicCare.Monitor.Simulation.World;

namespace ChronicCare.Monitor.Simulation.Patients;

/// <summary>Draws one patient's enrollment record, facilities and regimens.</summary>
internal static class PatientBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PatientProfile Build(SimulationContext ctx, int index, ProfileRequirements req, PatientProfile? spouse, int spouseIndex)
    {
        var rng = Rng.Fork(ctx.Seed, Streams.Profile, index);
        var world = ctx.World;
        var catalog = ctx.Catalog;
        var windowDays = ctx.End.DayNumber - ctx.Start.DayNumber;

        int city;
        string region;
        if (spouse is not null)
        {
            city = spouse.City;
            region = spouse.Region;
        }
        else
        {
            city = rng.PickWeighted(world.CityWeights);
            region = rng.Pick(world.Cities[city].Districts).Code;
        }

        var sex = spouse is not null ? (spouse.Sex == 'M' ? 'F' : 'M') : rng.Chance(0.5) ? 'M' : 'F';
        if (req.Disease >= 0 && catalog.Diseases[req.Disease].Sex is { } diseaseSex)
        {
            sex = diseaseSex;
        }

        sex = req.Sex ?? sex;
        var age = spouse is not null
            ? Math.Clamp(spouse.AgeOn(ctx.Start) + rng.Between(-5, 5), 40, 90)
            : rng.Chance(0.1) ? rng.Between(32, 44) : rng.Between(45, 85);
        age = Math.Max(age, req.MinAgeAtStart);
        var birth = ctx.Start.AddYears(-age).AddDays(-rng.Between(1, 364));
        var ageAtEnd = age + ((windowDays / 365) + 1);
        var employee = rng.Chance(0.55);
        var retired = employee && age >= (sex == 'M' ? 60 : 55);

        var cityCode = world.Cities[city].Code;
        // E-voucher numbers look random but must be unique: multiplying by a constant coprime with 10^12 is a
        // bijection modulo 10^12, so distinct patients always get distinct numbers.
        var cards = rng.Chance(0.65)
            ? new[] { $"C{cityCode}{index + 1:D8}", $"EV{(ulong)(index + 1) * 2654435769UL % 1_000_000_000_000UL:D12}" }
            : [$"C{cityCode}{index + 1:D8}"];

        var statuses = new List<StatusEntry> { new("active", new DateOnly(2008, 1, 1).AddDays(rng.Next(Math.Max(1, ctx.Start.DayNumber - 90 - new DateOnly(2008, 1, 1).DayNumber)))) };
        var activeUntil = DateOnly.MaxValue;
        if (req.Death)
        {
            activeUntil = ctx.Start.AddDays((int)(windowDays * rng.Between(0.45, 0.85)));
            statuses.Add(new StatusEntry("deceased", activeUntil));
        }
        else if (!req.FullCoverage && windowDays > 40)
        {
            var years = windowDays / 365.0;
            if (rng.Chance(0.012 * years))
            {
                activeUntil = ctx.Start.AddDays(rng.Between(15, windowDays - 1));
                statuses.Add(new StatusEntry("deceased", activeUntil));
            }
            else if (rng.Chance(0.008 * years))
            {
                activeUntil = ctx.Start.AddDays(rng.Between(15, windowDays - 1));
                statuses.Add(new StatusEntry("transferred", activeUntil));
            }
        }

        var diseases = PickDiseases(ctx, rng, sex, req.Disease);
        var approvals = new List<Approval>();
        foreach (var d in diseases)
        {
            approvals.Add(Approve(ctx, rng, d, d == req.Disease ? req : null, req.FullCoverage, windowDays));
        }

        var g = req.Channel == ChannelRequirement.EssentialOnly
            ? PickFacility(rng, world.Grassroots[city].Where(f => f.EssentialOnly).ToArray())
            : world.Grassroots[city][rng.PickCumulative(world.GrassrootsWeights[city])];
        var h = world.Hospitals[city][rng.PickCumulative(world.HospitalWeights[city])];
        var ph = world.Pharmacies[city][rng.PickCumulative(world.PharmacyWeights[city])];

        var profile = new PatientProfile
        {
            Index = index,
            Id = $"P{index + 1:D8}",
            PersonId = ctx.PersonId(index + 1),
            Sex = sex,
            BirthDate = birth,
            Employee = employee,
            Retired = retired,
            City = city,
            Region = region,
            Cards = cards,
            Statuses = statuses,
            Approvals = approvals,
            Designated = req.Designated || rng.Chance(0.55),
            Grassroots = g.Index,
            Hospital = h.Index,
            Pharmacy = ph.Index,
            Regimens = [],
            ActiveUntil = activeUntil,
            RelativeId = ctx.PersonId(ctx.Patients + index + 1),
            PreferredMethod = rng.PickWeighted([0.5, cards.Length > 1 ? 0.32 : 0, 0.18]),
            ProxyRate = rng.Chance(age >= 75 ? 0.5 : 0.2) ? rng.Between(0.1, 0.4) : 0,
            SpousePersonId = spouseIndex >= 0 ? ctx.PersonId(spouseIndex + 1) : null,
        };

        var used = new HashSet<int>();
        foreach (var d in diseases)
        {
            AddRegimens(ctx, rng, profile, d, d == req.Disease ? req : ProfileRequirements.None, age, ageAtEnd, used);
        }

        return profile;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<int> PickDiseases(SimulationContext ctx, Rng rng, char sex, int required)
    {
        var catalog = ctx.Catalog;
        var count = rng.Chance(0.62) ? 1 : 2;
        var chosen = new List<int>();
        if (required >= 0)
        {
            chosen.Add(required);
        }

        var weights = new double[catalog.Diseases.Length];
        while (chosen.Count < count)
        {
            for (var i = 0; i < weights.Length; i++)
            {
                var d = catalog.Diseases[i];
                weights[i] = chosen.Contains(i) || (d.Sex is { } s && s != sex) ? 0 : d.Weight;
            }

            chosen.Add(rng.PickWeighted(weights));
        }

        return chosen;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Approval Approve(SimulationContext ctx, Rng rng, int disease, ProfileRequirements? req, bool fullCoverage, int windowDays)
    {
        if (req is { ApprovalDuringWindow: true } && windowDays >= 100)
        {
            return Approval.For(disease, ctx.Start.AddDays(rng.Between(20, windowDays - 75)));
        }

        if (req is { ExpiryDuringWindow: true } && windowDays >= 100)
        {
            var validUntil = ctx.Start.AddDays(rng.Between(45, windowDays - 45));
            return Approval.For(disease, validUntil.AddDays(1).AddYears(-2));
        }

        if (fullCoverage)
        {
            var lo = Math.Max(ctx.End.AddYears(-2).AddDays(1).DayNumber, ctx.Start.AddDays(-700).DayNumber);
            var hi = ctx.Start.AddDays(-1).DayNumber;
            return Approval.For(disease, DateOnly.FromDayNumber(lo > hi ? hi : rng.Between(lo, hi)));
        }

        // Most certificates were issued in the two years before the window; some during it (new patients).
        return windowDays > 60 && rng.Chance(0.2)
            ? Approval.For(disease, ctx.Start.AddDays(rng.Between(0, windowDays - 45)))
            : Approval.For(disease, ctx.Start.AddDays(-rng.Between(1, 700)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FacilityInfo PickFacility(Rng rng, IReadOnlyList<FacilityInfo> options)
    {
        var weights = new double[options.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = options[i].Weight;
        }

        return options[rng.PickWeighted(weights)];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRegimens(SimulationContext ctx, Rng rng, PatientProfile p, int disease, ProfileRequirements req, int ageAtStart, int ageAtEnd, HashSet<int> used)
    {
        var catalog = ctx.Catalog;
        var world = ctx.World;
        var info = catalog.Diseases[disease];
        var x = rng.NextDouble();

        // 0 hospital, 1 grassroots, 2 pharmacy (external prescription)
        var channel = info.HospitalLed
            ? (x < 0.65 ? 0 : x < 0.85 ? 2 : 1)
            : (x < 0.55 ? 1 : x < 0.8 ? 0 : 2);
        channel = req.Channel switch
        {
            ChannelRequirement.NonPharmacy when channel == 2 => 0,
            ChannelRequirement.LimitsDrugCount => world.Facilities[p.Hospital].Level <= 2 && channel == 0 ? 0 : 1,
            ChannelRequirement.EssentialOnly => 1,
            ChannelRequirement.NonEssentialAllowed => world.Facilities[p.Grassroots].EssentialOnly ? 0 : channel == 2 ? 0 : channel,
            _ => channel,
        };

        var facility = channel switch { 0 => p.Hospital, 1 => p.Grassroots, _ => p.Pharmacy };
        var prescribing = channel == 2 ? (info.HospitalLed || rng.Chance(0.5) ? p.Hospital : p.Grassroots) : -1;
        var essentialOnly = world.Facilities[facility].EssentialOnly;

        // Long prescriptions (长期处方) for stable patients; not for the short-course TB regimen.
        var wantLong = !req.NoLongPrescription && info.Code != "TB" && rng.Chance(0.15);
        var items = RegimenDesigner.Design(catalog, rng, disease, p.Sex, ageAtStart, ageAtEnd, essentialOnly, wantLong, used);
        if (wantLong && items is not null && Cost30(ctx, items) > (long)(info.QuotaCents * CostBands.LongHigh))
        {
            wantLong = false;
        }

        items ??= RegimenDesigner.Design(catalog, rng, disease, p.Sex, ageAtStart, ageAtEnd, essentialOnly, false, used);
        if (items is null)
        {
            return;
        }

        foreach (var item in items)
        {
            used.Add(catalog.Drugs[item.Drug].Ingredient);
        }

        var days = wantLong ? (rng.Chance(0.4) ? 56 : 84) : rng.Chance(0.6) ? 30 : 28;
        var doctorHome = world.Facilities[prescribing >= 0 ? prescribing : facility];

        // Sometimes one drug of a disease is bought at the pharmacy on an external prescription instead.
        if (items.Count >= 2 && channel != 2 && req == ProfileRequirements.None && rng.Chance(0.15))
        {
            var moved = items[^1];
            items.RemoveAt(items.Count - 1);
            p.Regimens.Add(NewRegimen(p, disease, p.Pharmacy, facility, rng.Next(doctorHome.Prescribers.Length), [moved], days));
        }

        p.Regimens.Add(NewRegimen(p, disease, facility, prescribing, rng.Next(doctorHome.Prescribers.Length), items, days));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Regimen NewRegimen(PatientProfile p, int disease, int facility, int prescribing, int doctor, List<RegimenItem> items, int days) =>
        new()
        {
            Index = p.Regimens.Count,
            Disease = disease,
            Facility = facility,
            PrescribingFacility = prescribing,
            Doctor = doctor,
            Items = items,
            Days = days,
        };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Cost30(SimulationContext ctx, List<RegimenItem> items)
    {
        long cost = 0;
        foreach (var i in items)
        {
            cost += i.QuantityFor(30) * ctx.Catalog.Drugs[i.Drug].PriceCents;
        }

        return cost;
    }
}
