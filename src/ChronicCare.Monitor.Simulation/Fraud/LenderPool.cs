namespace ChronicCare.Monitor.Simulation.Fraud;

/// <summary>
/// Cards of recent ordinary patients, per city, that a borrowed-card settlement can use. Lenders are ordinary
/// patients of the same city, so the lent card never appears in two cities (R05's travel check stays silent
/// for the lender) and the lender's own settlements are untouched.
/// </summary>
internal sealed class LenderPool
{
    private const int Capacity = 32;
    private readonly List<string>[] _cards;

    public LenderPool(int cities)
    {
        _cards = new List<string>[cities];
        for (var i = 0; i < cities; i++)
        {
            _cards[i] = new List<string>(Capacity);
        }
    }

    public void Add(int city, string card)
    {
        var list = _cards[city];
        if (list.Count == Capacity)
        {
            list.RemoveAt(0);
        }

        list.Add(card);
    }

    public string? Pick(int city, Rng rng) => _cards[city].Count == 0 ? null : _cards[city][rng.Next(_cards[city].Count)];
}
