using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Tests.Support;

/// <summary>
/// A small, fixed world for rule tests: two cities (3207 Lianyungang, 3303 Wenzhou), facilities of each class,
/// a few drugs and diseases, and patient P1 (F, born 1956-04-12, HTN approved 2025-06-10..2027-06-09, card C1).
/// </summary>
internal static class World
{
    public const string Hospital = "FH1";         // hospital, level 3, city 3207
    public const string Hospital2 = "FH2";        // hospital, level 2, city 3207
    public const string Community = "FC1";        // community, level 1, essential drugs only, city 3207
    public const string Community2 = "FC2";       // community, level 1, city 3207
    public const string Pharmacy = "FP1";         // pharmacy, city 3207
    public const string WenzhouHospital = "FW1";  // hospital, level 3, city 3303
    public const string Amlodipine = "AML1";      // amlodipine, essential, HTN/CHD
    public const string AmlodipineBrand = "AML2"; // amlodipine, non-essential brand
    public const string Metformin = "MET1";       // metformin, min_age 10, T2DM
    public const string Finasteride = "FIN1";     // finasteride, M only, 18+, BPH
    public const string Atorvastatin = "ATO1";    // atorvastatin, HLP/CHD
    public const string Paediatric = "PED1";      // max_age 14, HTN

    public static ReferenceData Reference(params Patient[] extraPatients)
    {
        var r = new ReferenceData();
        r.Upsert(new Facility(Hospital, "第一人民医院", FacilityKind.Hospital, 3, "320705", false));
        r.Upsert(new Facility(Hospital2, "海州区人民医院", FacilityKind.Hospital, 2, "320706", false));
        r.Upsert(new Facility(Community, "连云区社区卫生服务中心", FacilityKind.Community, 1, "320703", true));
        r.Upsert(new Facility(Community2, "新浦社区卫生服务中心", FacilityKind.Community, 1, "320705", false));
        r.Upsert(new Facility(Pharmacy, "国大药房", FacilityKind.Pharmacy, 0, "320705", false));
        r.Upsert(new Facility(WenzhouHospital, "温医一院", FacilityKind.Hospital, 3, "330302", false));
        r.Upsert(new Drug(Amlodipine, "氨氯地平片", "amlodipine", "C08CA", true, null, null, null, ["HTN", "CHD"], 0.35m));
        r.Upsert(new Drug(AmlodipineBrand, "络活喜", "amlodipine", "C08CA", false, null, null, null, ["HTN", "CHD"], 2.10m));
        r.Upsert(new Drug(Metformin, "二甲双胍片", "metformin", "A10BA", true, null, 10, null, ["T2DM"], 0.12m));
        r.Upsert(new Drug(Finasteride, "非那雄胺片", "finasteride", "G04CB", false, Gender.M, 18, null, ["BPH"], 3.80m));
        r.Upsert(new Drug(Atorvastatin, "阿托伐他汀", "atorvastatin", "C10AA", true, null, null, null, ["HLP", "CHD", "HTN"], 1.05m));
        r.Upsert(new Drug(Paediatric, "儿科降压药", "paediatric", "C09AA", true, null, null, 14, ["HTN"], 1.00m));
        for (var i = 1; i <= 6; i++)
        {
            r.Upsert(new Drug($"D{i}", $"药品{i}", $"ingredient{i}", "C09AA", true, null, null, null, ["HTN"], 1m));
        }

        r.Upsert(new Disease("HTN", "高血压", 200m));
        r.Upsert(new Disease("T2DM", "糖尿病", 300m));
        r.Upsert(new Disease("CHD", "冠心病", 400m));
        r.Upsert(new Disease("HLP", "高脂血症", 150m));
        r.Upsert(new Disease("BPH", "前列腺增生", 150m));
        r.Upsert(Patient("P1"));
        foreach (var p in extraPatients)
        {
            r.Upsert(p);
        }

        return r;
    }

    /// <summary>An ordinary active patient with HTN approved 2025-06-10 (benefit from 2025-07-01) until 2027-06-09.</summary>
    public static Patient Patient(
        string id,
        Gender gender = Gender.F,
        string birth = "1956-04-12",
        string[]? cards = null,
        StatusPeriod[]? statuses = null,
        DiseaseApproval[]? diseases = null,
        Dictionary<int, DesignatedFacilities>? designated = null) =>
        new(id, gender, DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), InsuranceKind.Employee, true, "320705",
            cards ?? [CardOf(id)],
            statuses ?? [new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1))],
            diseases ?? [new DiseaseApproval("HTN", new DateOnly(2025, 6, 10), new DateOnly(2027, 6, 9))],
            designated ?? []);

    public static string CardOf(string patientId) => "C" + patientId;
}
