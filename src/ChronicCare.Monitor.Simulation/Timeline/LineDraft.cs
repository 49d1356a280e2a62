namespace ChronicCare.Monitor.Simulation.Timeline;

/// <summary>
/// One settlement line. Money is in cents (fen) so that amount = quantity × unit price and the totals add up
/// exactly; <see cref="Item"/> indexes the drug catalog for drugs and the service catalog otherwise.
/// </summary>
internal struct LineDraft
{
    public bool IsDrug;
    public bool IsTreatment;
    public int Item;
    public int Quantity;
    public long UnitPriceCents;
    public int DaysSupply;

    public readonly long AmountCents => Quantity * UnitPriceCents;

    public static LineDraft Drug(int drug, int quantity, long unitPriceCents, int days) =>
        new() { IsDrug = true, Item = drug, Quantity = quantity, UnitPriceCents = unitPriceCents, DaysSupply = days };

    public static LineDraft Service(int item, bool treatment, int quantity, long unitPriceCents) =>
        new() { IsDrug = false, IsTreatment = treatment, Item = item, Quantity = quantity, UnitPriceCents = unitPriceCents };
}
