using System.Runtime.CompilerServices;

namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>
/// Running per-disease, per-calendar-month sums of one patient: drug amounts (what R11 counts) and totals (what
/// R13 compares). Ordinary generation keeps every month's drug sum within the quota, which also keeps every
/// running sum, and every quarter within 3 × quota, so R11 is silent under any reading of month vs quarter.
/// Flat arrays indexed by (disease slot, month of the window): a patient has at most a few diseases.
/// </summary>
internal sealed class MonthBook
{
    private readonly DateOnly _start;
    private readonly int _months;
    private readonly int[] _diseases = new int[4];
    private int _slots;
    private readonly long[] _drug;
    private readonly long[] _total;

    public MonthBook(DateOnly start, int months)
    {
        _start = start;
        _months = months + 1;
        _drug = new long[_diseases.Length * _months];
        _total = new long[_diseases.Length * _months];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (long Drug, long Total) Get(int disease, DateOnly date)
    {
        var i = Index(disease, date, add: false);
        return i < 0 ? default : (_drug[i], _total[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int disease, DateOnly date, long drug, long total)
    {
        var i = Index(disease, date, add: true);
        _drug[i] += drug;
        _total[i] += total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Index(int disease, DateOnly date, bool add)
    {
        var month = ((date.Year - _start.Year) * 12) + date.Month - _start.Month;
        if ((uint)month >= (uint)_months)
        {
            throw new ArgumentOutOfRangeException(nameof(date), "date outside the simulated window");
        }

        var slot = Array.IndexOf(_diseases, disease, 0, _slots);
        if (slot < 0)
        {
            if (!add)
            {
                return -1;
            }

            if (_slots == _diseases.Length)
            {
                throw new InvalidOperationException("too many diseases for one patient");
            }

            slot = _slots++;
            _diseases[slot] = disease;
        }

        return (slot * _months) + month;
    }
}
