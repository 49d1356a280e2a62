namespace ChronicCare.Monitor.Contract;

/// <summary>门诊慢特病病种 with its fund-covered monthly drug quota (contract §1; seed Hunan 第十三、十六条).</summary>
public sealed record Disease(string DiseaseCode, string Name, decimal MonthlyQuota);
