namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>One product (医保药品编码) of an ingredient: a cheap essential generic or a pricier brand.</summary>
internal sealed record DrugInfo(int Index, string Code, string Name, int Ingredient, long PriceCents, bool Essential);
