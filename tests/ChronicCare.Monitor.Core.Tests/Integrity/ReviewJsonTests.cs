using System.Text;
using ChronicCare.Monitor.Integrity;
using Xunit;

namespace ChronicCare.Monitor.Tests.Integrity;

/// <summary>The review line <c>chroniccare triage</c> writes and <c>detect --reviews</c> / <c>run</c> read.</summary>
public sealed class ReviewJsonTests
{
    [Fact]
    public void Parse_WrittenDecision_RoundTripsEveryField()
    {
        var d = SanctionLadderTests.Review(ReviewVerdict.Confirm, "R05:S1", "2026-03-05T10:00:00+08:00", "2026-03-01", "R05", ReviewFinding.Fraud);
        var text = Encoding.UTF8.GetString(ReviewJson.ToUtf8(d));

        var back = Assert.IsType<ReviewDecision>(ReviewJson.Parse(Encoding.UTF8.GetBytes(text)).Event);

        Assert.Contains("\"note\":\"核实：病历记录与处方不符\"", text, StringComparison.Ordinal);
        Assert.Equal((d.DecisionId, d.PatientId, d.Verdict, d.AlertId, d.Rule, d.IncidentDate, d.Finding, d.DecidedBy, d.DecidedAt, d.Note),
            (back.DecisionId, back.PatientId, back.Verdict, back.AlertId, back.Rule, back.IncidentDate, back.Finding, back.DecidedBy, back.DecidedAt, back.Note));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"type":"settlement"}""", "type must be \"review\"")]
    [InlineData("""{"type":"review","decision":"maybe","patient_id":"P1","alert_id":"A","decided_by":"u","decided_at":"2026-03-05T10:00:00+08:00"}""", "decision must be")]
    [InlineData("""{"type":"review","decision":"confirm","alert_id":"A","decided_by":"u","decided_at":"2026-03-05T10:00:00+08:00"}""", "missing patient_id")]
    [InlineData("""{"type":"review","decision":"confirm","patient_id":"P1","alert_id":"A","decided_at":"2026-03-05T10:00:00+08:00"}""", "missing decided_by")]
    [InlineData("""{"type":"review","decision":"confirm","patient_id":"P1","alert_id":"A","decided_by":"u","decided_at":"yesterday"}""", "decided_at is not a timestamp")]
    [InlineData("""{"type":"review","decision":"confirm","patient_id":"P1","decided_by":"u","decided_at":"2026-03-05T10:00:00+08:00"}""", "needs alert_id")]
    [InlineData("""{"type":"review","decision":"reinstate","patient_id":"P1","action_id":"X","decided_by":"u","decided_at":"2026-03-05T10:00:00+08:00"}""", "needs a note")]
    [InlineData("""{"type":"review","decision":"confirm","finding":"theft","patient_id":"P1","alert_id":"A","decided_by":"u","decided_at":"2026-03-05T10:00:00+08:00"}""", "finding must be")]
    public void Parse_BadLine_OneLineReason(string line, string reason)
    {
        var outcome = ReviewJson.Parse(Encoding.UTF8.GetBytes(line));

        Assert.True(outcome.IsBad);
        Assert.Contains(reason, outcome.Error, StringComparison.Ordinal);
    }
}
