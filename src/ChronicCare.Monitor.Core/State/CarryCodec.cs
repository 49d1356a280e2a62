using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Rules;

namespace ChronicCare.Monitor.State;

/// <summary>The carry of a patient's pruned history (<see cref="PatientCarry"/>): horizon, supply ledger, first facilities, quota sums, incident, actions.</summary>
internal static class CarryCodec
{
    public static void Write(StateWriter w, PatientCarry c)
    {
        w.Day(c.Horizon);
        var ingredients = c.Ledger.Export();
        w.Count(ingredients.Count);
        foreach (var (ingredient, coveredUntil, lines) in ingredients)
        {
            w.Str(ingredient);
            w.Int(coveredUntil);
            w.Count(lines.Count);
            foreach (var l in lines)
            {
                w.Str(l.SettlementId);
                w.Str(l.FacilityId);
                w.Day(l.Date);
                w.Int(l.DaysSupply);
                w.Str(l.DrugCode);
                w.Int(l.LineNo);
            }
        }

        var lastFills = c.Ledger.ExportLastFills();
        w.Count(lastFills.Count);
        foreach (var (ingredient, day, drug) in lastFills)
        {
            w.Str(ingredient);
            w.Int(day);
            w.Str(drug);
        }

        var firsts = c.Designation.Export();
        w.Count(firsts.Count);
        foreach (var (year, cls, facilityId, settlementId) in firsts)
        {
            w.Int(year);
            w.Count((int)cls);
            w.Str(facilityId);
            w.Str(settlementId);
        }

        var (months, quarters) = c.Quota.Export();
        WriteSums(w, months);
        WriteSums(w, quarters);
        w.Bool(c.HadIncident);
        w.Count(c.Actions.Count);
        foreach (var a in c.Actions)
        {
            RecordCodec.Write(w, a);
        }
    }

    /// <summary>Reads a carry written by state format <paramref name="version"/> (version 3 added the remembered last fills).</summary>
    public static PatientCarry Read(StateReader r, byte version)
    {
        var horizon = r.Day();
        var ingredients = new LedgerEntry[r.Count()];
        for (var i = 0; i < ingredients.Length; i++)
        {
            var ingredient = r.RequiredStr();
            var coveredUntil = r.Int32();
            var lines = new SupplyLine[r.Count()];
            for (var k = 0; k < lines.Length; k++)
            {
                lines[k] = new SupplyLine(r.RequiredStr(), r.RequiredStr(), r.Day(), r.Int32(), r.RequiredStr(), r.Int32());
            }

            ingredients[i] = new LedgerEntry(ingredient, coveredUntil, lines);
        }

        var lastFills = new LastFill[version >= 3 ? r.Count() : 0];
        for (var i = 0; i < lastFills.Length; i++)
        {
            lastFills[i] = new LastFill(r.RequiredStr(), r.Int32(), r.RequiredStr());
        }

        var firsts = new (int, FacilityClass, string, string)[r.Count()];
        for (var i = 0; i < firsts.Length; i++)
        {
            firsts[i] = (r.Int32(), r.Enum<FacilityClass>(), r.RequiredStr(), r.RequiredStr());
        }

        var months = ReadSums(r);
        var quarters = ReadSums(r);
        var hadIncident = r.Bool();
        var actions = new Integrity.IntegrityAction[r.Count()];
        for (var i = 0; i < actions.Length; i++)
        {
            actions[i] = RecordCodec.ReadAction(r);
        }

        return new PatientCarry
        {
            Horizon = horizon,
            Ledger = SupplyLedger.Import(ingredients, lastFills),
            Designation = DesignationTracker.Import(firsts),
            Quota = QuotaTracker.Import(months, quarters),
            HadIncident = hadIncident,
            Actions = actions,
        };
    }

    private static void WriteSums(StateWriter w, IReadOnlyList<(string Disease, int Index, decimal Sum)> sums)
    {
        w.Count(sums.Count);
        foreach (var (disease, index, sum) in sums)
        {
            w.Str(disease);
            w.Int(index);
            w.Decimal(sum);
        }
    }

    private static (string, int, decimal)[] ReadSums(StateReader r)
    {
        var sums = new (string, int, decimal)[r.Count()];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = (r.RequiredStr(), r.Int32(), r.Decimal());
        }

        return sums;
    }
}
