namespace ChronicCare.Monitor.Simulation.Catalog;

/// <summary>The fixed medical world: diseases, ingredients, drug products, exam and treatment items.</summary>
internal sealed class MedicalCatalog
{
    public MedicalCatalog(DiseaseInfo[] diseases, IngredientInfo[] ingredients, DrugInfo[] drugs, ServiceItem[] services)
    {
        Diseases = diseases;
        Ingredients = ingredients;
        Drugs = drugs;
        Services = services;
        GeneralConsultation = Array.FindIndex(services, s => s.Code == "TR0001");
        Treatments = services.Where(s => s.IsTreatment && s.Index != GeneralConsultation).Select(s => s.Index).ToArray();
        IngredientsByDisease = diseases
            .Select(d => ingredients.Where(i => i.Lists(d.Index)).Select(i => i.Index).ToArray())
            .ToArray();
    }

    /// <summary>Built once: the catalog is constant data, identical for every seed.</summary>
    public static MedicalCatalog Instance { get; } = CatalogData.Build();

    public DiseaseInfo[] Diseases { get; }

    public IngredientInfo[] Ingredients { get; }

    public DrugInfo[] Drugs { get; }

    public ServiceItem[] Services { get; }

    /// <summary>一般诊疗费: the flat fee grassroots facilities charge per visit.</summary>
    public int GeneralConsultation { get; }

    /// <summary>Therapy items (acupuncture, rehab...) used to inflate totals in the cost patterns.</summary>
    public int[] Treatments { get; }

    public int[][] IngredientsByDisease { get; }

    public IngredientInfo IngredientOf(int drug) => Ingredients[Drugs[drug].Ingredient];

    public int DiseaseIndex(string code)
    {
        foreach (var d in Diseases)
        {
            if (d.Code == code)
            {
                return d.Index;
            }
        }

        return -1;
    }
}
