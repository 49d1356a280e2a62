namespace ChronicCare.Monitor.Simulation.Tests.Synthea;

/// <summary>A hand-written Synthea export (3 patients, 8 medication rows; P1 dies 2020-12-31) in a temporary folder, deleted on dispose.</summary>
internal sealed class TinySynthea : IDisposable
{
    public const string P1 = "aaaaaaaa-1111-0000-0000-000000000001";
    public const string P2 = "bbbbbbbb-2222-0000-0000-000000000002";
    public const string P3 = "cccccccc-3333-0000-0000-000000000003";

    public TinySynthea()
    {
        Dir = Path.Combine(Path.GetTempPath(), $"ccsynthea-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Dir);
        Write("patients.csv",
            "Id,BIRTHDATE,DEATHDATE,SSN,GENDER,STATE,COUNTY",
            $"{P1},1950-03-01,2020-12-31,999,M,UnitedKingdom,Essex",
            $"{P2},1980-07-15,,999,F,UnitedKingdom,Kent",
            $"{P3},2010-01-01,,999,F,UnitedKingdom,\"Greater London, City\"");
        Write("organizations.csv",
            "Id,NAME,ADDRESS,CITY,STATE",
            "0f000001-0000-0000-0000-000000000001,\"St Mary's Hospital, Paddington\",,London,UnitedKingdom",
            "0f000002-0000-0000-0000-000000000002,Abbey Lawns,,Liverpool,UnitedKingdom");
        Write("providers.csv",
            "Id,ORGANIZATION,NAME",
            "0d000000-0000-0000-0000-000000000001,0f000001-0000-0000-0000-000000000001,Dr A",
            "0d000000-0000-0000-0000-000000000002,0f000002-0000-0000-0000-000000000002,Dr B");
        Write("medications.csv",
            "START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION,BASE_COST,PAYER_COVERAGE,DISPENSES,TOTALCOST,REASONCODE,REASONDESCRIPTION",
            $"2020-01-01T08:00:00Z,2020-04-01T08:00:00Z,{P1},x,e1,314076,lisinopril 10 MG Oral Tablet,10.00,10.00,3,30.00,59621000,Hypertension",
            $"2021-01-01T08:00:00Z,,{P2},x,e2,860975,24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet,2.5,0,0,0,44054006,Diabetes",
            $"2021-06-01T08:00:00Z,2021-06-11T08:00:00Z,{P3},x,e3,2123111,\"NDA020503 200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler, \"\"test\"\"\",1.5,1.5,1,1.5,233678006,Childhood asthma",
            $"2021-02-01T08:00:00Z,2021-02-10T08:00:00Z,{P3},x,e4,834061,Penicillin V Potassium 250 MG Oral Tablet,2.61,2.61,1,2.61,10509002,Acute bronchitis (disorder)",
            $"2021-03-01T08:00:00Z,2021-03-10T08:00:00Z,{P3},x,e5,834061,Penicillin V Potassium 250 MG Oral Tablet,2.61,2.61,1,2.61,,",
            $"2020-06-01T08:00:00Z,,{P1},x,e7,860975,24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet,2,0,0,0,44054006,Diabetes",
            $"2021-01-15T08:00:00Z,2021-03-15T08:00:00Z,{P1},x,e8,314076,lisinopril 10 MG Oral Tablet,10.00,10.00,2,20.00,59621000,Hypertension",
            $"2021-03-01T08:00:00Z,2021-03-10T08:00:00Z,dddddddd-0000-0000-0000-000000000004,x,e6,314076,lisinopril 10 MG Oral Tablet,1,1,1,1,59621000,Hypertension");
    }

    public string Dir { get; }

    public void Dispose()
    {
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }

    private void Write(string file, params string[] lines) =>
        File.WriteAllText(Path.Combine(Dir, file), string.Join("\r\n", lines) + "\r\n");
}
