using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.Analytics.Store;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Reference;
using Xunit;

namespace ChronicCare.Monitor.Analytics.Tests.Recording;

/// <summary>
/// A patient record states the patient's whole enrolment set: the recorder marks the patient in
/// <see cref="AnalyticsBatch.EnrolmentSets"/>, so a record with fewer approvals (or none) replaces the earlier set.
/// </summary>
public sealed class AnalyticsRecorderEnrolmentTests
{
    private static readonly Pseudonymizer Keys = new(new byte[32]);

    [Fact]
    public void Record_PatientWithTwoApprovals_StatesTheSetWithBothRows()
    {
        var recorder = new AnalyticsRecorder(Keys, new ReferenceData());

        recorder.Record(ReferenceUpsert.Of(Patient("P0001", "M01", "M02")));

        Assert.Equal([Keys.Key("P0001")], recorder.Batch.EnrolmentSets);
        Assert.Equal(["M01", "M02"], recorder.Batch.Enrolments.Select(e => e.DiseaseCode));
    }

    [Fact]
    public void Record_SamePatientAgainInOneBatch_OnlyTheLaterRecordsRowsRemain()
    {
        var recorder = new AnalyticsRecorder(Keys, new ReferenceData());
        recorder.Record(ReferenceUpsert.Of(Patient("P0001", "M01", "M02")));
        recorder.Record(ReferenceUpsert.Of(Patient("P0002", "M01")));

        recorder.Record(ReferenceUpsert.Of(Patient("P0001", "M01")));

        Assert.Equal(
            [(Keys.Key("P0002"), "M01"), (Keys.Key("P0001"), "M01")],
            recorder.Batch.Enrolments.Select(e => (e.PatientKey, e.DiseaseCode)));
    }

    [Fact]
    public void Record_PatientWithNoApprovalLeft_StatesAnEmptySetTheBatchCounts()
    {
        var recorder = new AnalyticsRecorder(Keys, new ReferenceData());

        recorder.Record(ReferenceUpsert.Of(Patient("P0001")));

        Assert.Empty(recorder.Batch.Enrolments);
        Assert.Equal([Keys.Key("P0001")], recorder.Batch.EnrolmentSets);
        Assert.Equal(1, recorder.Batch.Count);
    }

    [Fact]
    public void Clear_AfterAWrite_EmptiesTheSetsAndTakesAHigherVersion()
    {
        var batch = new AnalyticsBatch();
        batch.ReplaceEnrolments("K1");
        var before = batch.EnrolmentVersion;

        batch.Clear();

        Assert.Empty(batch.EnrolmentSets);
        Assert.Equal(0, batch.Count);
        Assert.True(batch.EnrolmentVersion > before);
        Assert.True(new AnalyticsBatch().EnrolmentVersion > batch.EnrolmentVersion);
    }

    private static Patient Patient(string id, params string[] diseases) => new(
        id,
        Gender.F,
        new DateOnly(1960, 5, 1),
        InsuranceKind.Employee,
        Retired: true,
        "320706",
        [$"C{id}"],
        [new StatusPeriod(PatientStatus.Active, new DateOnly(2020, 1, 1))],
        [.. diseases.Select(d => new DiseaseApproval(d, new DateOnly(2024, 12, 15), new DateOnly(2026, 12, 31)))],
        new Dictionary<int, DesignatedFacilities>());
}
