namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// Maps a Synthea medication's reason (SNOMED CT REASONCODE, else REASONDESCRIPTION keywords) to a chronic
/// disease code; anything else is not a chronic-benefit claim and is skipped. Quotas follow the simulator's
/// catalogue where the disease exists there.
/// </summary>
internal static class ChronicDiseaseMap
{
    public static readonly IReadOnlyList<ChronicDisease> Diseases =
    [
        new("AF", "心房颤动", 400),
        new("CHD", "冠心病", 400),
        new("CHF", "慢性心力衰竭", 500),
        new("CKD", "慢性肾脏病", 500),
        new("COPD", "慢性阻塞性肺疾病", 500),
        new("EPI", "癫痫", 300),
        new("HLP", "高脂血症", 150),
        new("HTN", "高血压", 200),
        new("OP", "骨质疏松症", 200),
        new("T2DM", "糖尿病", 300),
    ];

    private static readonly Dictionary<string, string> BySnomed = new(StringComparer.Ordinal)
    {
        ["59621000"] = "HTN",     // Hypertension
        ["38341003"] = "HTN",     // Hypertensive disorder
        ["44054006"] = "T2DM",    // Diabetes mellitus type 2
        ["55822004"] = "HLP",     // Hyperlipidemia
        ["53741008"] = "CHD",     // Coronary arteriosclerosis
        ["414545008"] = "CHD",    // Ischemic heart disease
        ["433144002"] = "CKD",    // Chronic kidney disease stage 3
        ["431855005"] = "CKD",    // stage 1
        ["431856006"] = "CKD",    // stage 2
        ["431857002"] = "CKD",    // stage 4
        ["185086009"] = "COPD",   // Chronic obstructive bronchitis
        ["87433001"] = "COPD",    // Pulmonary emphysema
        ["195967001"] = "COPD",   // Asthma
        ["233678006"] = "COPD",   // Childhood asthma
        ["88805009"] = "CHF",     // Chronic congestive heart failure
        ["84114007"] = "CHF",     // Heart failure
        ["49436004"] = "AF",      // Atrial fibrillation
        ["64859006"] = "OP",      // Osteoporosis
        ["84757009"] = "EPI",     // Epilepsy
    };

    private static readonly (string Keyword, string Code)[] ByKeyword =
    [
        ("prediabetes", string.Empty),
        ("hypertension", "HTN"),
        ("diabetes", "T2DM"),
        ("hyperlipidemia", "HLP"),
        ("coronary", "CHD"),
        ("ischemic heart disease", "CHD"),
        ("chronic kidney disease", "CKD"),
        ("chronic obstructive", "COPD"),
        ("copd", "COPD"),
        ("emphysema", "COPD"),
        ("asthma", "COPD"),
        ("heart failure", "CHF"),
        ("atrial fibrillation", "AF"),
        ("osteoporosis", "OP"),
        ("epilepsy", "EPI"),
    ];

    /// <summary>The disease code, or null when the reason is not one of the chronic diseases.</summary>
    public static string? Map(string reasonCode, string reasonDescription)
    {
        if (BySnomed.TryGetValue(reasonCode, out var code))
        {
            return code;
        }

        foreach (var (keyword, c) in ByKeyword)
        {
            if (reasonDescription.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return c.Length == 0 ? null : c;
            }
        }

        return null;
    }
}
