namespace ChronicCare.Monitor.Analytics.Report;

/// <summary>One month of the 13-month trend: total and fund-paid cost (fen) and active patients.</summary>
public sealed record TrendPoint(string Month, long TotalFen, long FundFen, long ActivePatients);
