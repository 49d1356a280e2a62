using System.Globalization;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// The month aggregates R12 and R13 read, kept as settlements count and stop counting (a reversal): per facility and
/// month the settlements and their total, per patient, disease and month the total (contract §3: non-reversed
/// settlements; the month of the service date). In batch mode the engine feeds it and the month's cost outliers are
/// judged at the end; the stream judges them from the analytics store instead (<c>close-month</c>), because a
/// facility's settlements are spread over every partition.
/// </summary>
public sealed class CostLedger
{
    private readonly Dictionary<string, Counted> _counted = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _monthNames = [];
    private readonly Dictionary<(string Facility, string Month), (int Count, decimal Total)> _facilities = new();
    private readonly Dictionary<(string Patient, string Disease, string Month), (int Count, decimal Total)> _patients = new();

    /// <summary>The months any settlement counted in, ascending.</summary>
    public IEnumerable<string> Months => _facilities.Keys.Select(k => k.Month).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>Counts a settlement (once: a second add of the same id, or an add after its reversal, is ignored).</summary>
    public void Add(Settlement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var counted = new Counted(s.FacilityId, s.PatientId, s.DiseaseCode, Month(s.ServiceDate), s.TotalAmount);
        if (_counted.TryAdd(s.SettlementId, counted))
        {
            Apply(counted, 1);
        }
    }

    /// <summary>
    /// Stops counting a reversed settlement. Kept by id, not looked up in the engine's state, so a reversal still
    /// counts when the settlement itself was pruned long ago (contract §2: it then counts for nothing), and the id is
    /// kept as reversed, so a redelivery the engine no longer recognises is not counted again. Memory: about 80 bytes
    /// per settlement (the strings are the events' own), for batch mode only.
    /// </summary>
    public void Remove(string settlementId)
    {
        if (_counted.TryGetValue(settlementId, out var counted) && !counted.Reversed)
        {
            Apply(counted, -1);
            _counted[settlementId] = counted with { Reversed = true };
        }
    }

    /// <summary>R12's input for a month: facilities the reference knows (kind, level and city make the peer group).</summary>
    public IEnumerable<FacilityMonth> Facilities(string month, ReferenceData reference)
    {
        foreach (var ((facility, m), (count, total)) in _facilities)
        {
            if (m == month && count > 0 && reference.Facility(facility) is { } f)
            {
                yield return new FacilityMonth(facility, f.Kind, f.Level, f.City, count, total);
            }
        }
    }

    /// <summary>R13's input for a month.</summary>
    public IEnumerable<PatientDiseaseMonth> Patients(string month)
    {
        foreach (var ((patient, disease, m), (_, total)) in _patients)
        {
            if (m == month)
            {
                yield return new PatientDiseaseMonth(patient, disease, total);
            }
        }
    }

    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private void Apply(Counted c, int sign)
    {
        Count(_facilities, (c.FacilityId, c.Month), sign, c.Total);
        Count(_patients, (c.PatientId, c.DiseaseCode, c.Month), sign, c.Total);
    }

    /// <summary>One string per month, shared by every settlement of it.</summary>
    private string Month(DateOnly day)
    {
        var key = (day.Year * 12) + day.Month;
        if (!_monthNames.TryGetValue(key, out var name))
        {
            name = MonthOf(day);
            _monthNames[key] = name;
        }

        return name;
    }

    /// <summary>A key whose last settlement is reversed is gone: it no longer counts among the peers or the patients.</summary>
    private static void Count<TKey>(Dictionary<TKey, (int Count, decimal Total)> sums, TKey key, int sign, decimal amount)
        where TKey : notnull
    {
        var (count, total) = sums.GetValueOrDefault(key);
        count += sign;
        if (count == 0)
        {
            sums.Remove(key);
        }
        else
        {
            sums[key] = (count, total + (sign * amount));
        }
    }

    private readonly record struct Counted(string FacilityId, string PatientId, string DiseaseCode, string Month, decimal Total, bool Reversed = false);
}
