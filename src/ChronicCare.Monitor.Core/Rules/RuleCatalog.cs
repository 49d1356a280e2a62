namespace ChronicCare.Monitor.Rules;

/// <summary>The rules of contract §3: code, English name and Chinese name.</summary>
public static class RuleCatalog
{
    private static readonly Dictionary<string, (string Name, string NameZh)> Rules = new(StringComparer.Ordinal)
    {
        ["R01"] = ("OVERLAPPING_SUPPLY", "重复开药"),
        ["R02"] = ("EXCESSIVE_DURATION", "超量开药"),
        ["R03"] = ("CROSS_FACILITY_DUPLICATE", "跨机构重复开药"),
        ["R04"] = ("NON_DESIGNATED_FACILITY", "非定点就医"),
        ["R05"] = ("IDENTITY_MISMATCH", "人证卡不一致"),
        ["R06"] = ("INELIGIBLE_BENEFIT", "待遇资格异常"),
        ["R07"] = ("DURING_HOSPITALIZATION", "住院期间门诊结算"),
        ["R08"] = ("DEMOGRAPHIC_RESTRICTION", "性别/年龄限定"),
        ["R09"] = ("DRUG_DISEASE_MISMATCH", "超病种用药"),
        ["R10"] = ("PRESCRIPTION_RULE", "处方规范"),
        ["R11"] = ("QUOTA_EXCEEDED", "超限额"),
        ["R12"] = ("HIGH_COST_FACILITY", "高均次费用机构"),
        ["R13"] = ("HIGH_COST_PATIENT", "高额费用人员"),
        ["R14"] = ("CARD_COLLECTION", "集中持卡购药"),
        ["R15"] = ("OUTLIER_SCORE", "异常评分"),
    };

    public static IEnumerable<string> Codes => Rules.Keys.Order(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Rules.ContainsKey(code);

    public static string Name(string code) => Rules[code].Name;

    public static string NameZh(string code) => Rules[code].NameZh;
}
