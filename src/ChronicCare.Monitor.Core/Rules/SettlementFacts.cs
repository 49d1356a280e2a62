using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Rules;

/// <summary>
/// A settlement joined with the reference records it names, as the rules see it. Unknown patients,
/// facilities, drugs and diseases are kept as null and noted, so every alert on the settlement says what was
/// missing (contract §6: processed with what is known, noted in the evidence).
/// </summary>
internal sealed class SettlementFacts
{
    private List<string>? _notes;

    public SettlementFacts(Settlement s, ReferenceData reference, bool lateBeyondHorizon, DateOnly horizon)
    {
        Settlement = s;
        Patient = reference.Patient(s.PatientId);
        Facility = reference.Facility(s.FacilityId);
        Disease = reference.Disease(s.DiseaseCode);
        var drugs = new Drug?[s.Lines.Count];
        for (var i = 0; i < drugs.Length; i++)
        {
            var line = s.Lines[i];
            if (line.ItemType == ItemType.Drug)
            {
                drugs[i] = reference.Drug(line.ItemCode);
                if (drugs[i] is null)
                {
                    (_notes ??= []).Add($"unknown drug {line.ItemCode}: judged as its own ingredient; sex, age, disease-list and essential checks skipped");
                }
            }
        }

        Drugs = drugs;
        if (Patient is null)
        {
            (_notes ??= []).Add($"unknown patient {s.PatientId}");
        }

        if (Facility is null)
        {
            (_notes ??= []).Add($"unknown facility {s.FacilityId}: class, city, level and essential-drugs checks skipped");
        }

        if (Disease is null)
        {
            (_notes ??= []).Add($"unknown disease {s.DiseaseCode}: quota check skipped");
        }

        if (lateBeyondHorizon)
        {
            (_notes ??= []).Add($"arrived later than the allowed lateness: history before {horizon:yyyy-MM-dd} was pruned, judged on what was kept");
        }
    }

    public Settlement Settlement { get; }

    public Patient? Patient { get; }

    public Facility? Facility { get; }

    public Disease? Disease { get; }

    /// <summary>The drug of each line (null for non-drug lines and unknown drugs), by line index.</summary>
    public IReadOnlyList<Drug?> Drugs { get; }

    public IReadOnlyList<string> Notes => (IReadOnlyList<string>?)_notes ?? [];

    /// <summary>The ingredient a drug line stacks under: the drug's, or its own code when the drug is unknown.</summary>
    public string IngredientOf(int lineIndex) => Drugs[lineIndex]?.Ingredient ?? Settlement.Lines[lineIndex].ItemCode;
}
