using System.Text.Json;
using System.Text.RegularExpressions;
using ChronicCare.Monitor.Simulation.Tests.Support;
using Xunit;

namespace ChronicCare.Monitor.Simulation.Tests;

public sealed partial class EventFormatTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static readonly string[] SettlementFields =
    [
        "settlement_id", "settled_at", "patient_id", "card_id", "facility_id", "prescribing_facility_id", "prescriber_id",
        "prescriber_title", "disease_code", "identity", "prescription", "lines", "total_amount", "fund_paid", "self_paid",
    ];

    [Fact]
    public void Events_EveryLine_IsJsonWithTheContractsRequiredFields()
    {
        foreach (var line in File.ReadLines(Path.Combine(fixture.Dir, "events.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            switch (e.GetProperty("type").GetString())
            {
                case "settlement":
                    foreach (var f in SettlementFields)
                    {
                        Assert.True(e.TryGetProperty(f, out _), $"missing {f}: {line}");
                    }

                    var id = e.GetProperty("identity");
                    Assert.Contains(id.GetProperty("method").GetString(), new[] { "card", "e_voucher", "face", "proxy" });
                    Assert.Contains(id.GetProperty("verified").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
                    Assert.False(string.IsNullOrEmpty(id.GetProperty("presenter_id").GetString()));
                    Assert.Contains(e.GetProperty("prescriber_title").GetString(), new[] { "resident", "attending", "associate_chief", "chief" });
                    Assert.True(e.GetProperty("prescription").TryGetProperty("prescription_id", out _));
                    Assert.True(e.GetProperty("prescription").TryGetProperty("long_prescription", out _));
                    Assert.NotEqual(0, e.GetProperty("lines").GetArrayLength());
                    Timestamp(e, "settled_at");
                    break;
                case "reversal":
                    Assert.False(string.IsNullOrEmpty(e.GetProperty("settlement_id").GetString()));
                    Timestamp(e, "reversed_at");
                    break;
                case "admission":
                    Assert.False(string.IsNullOrEmpty(e.GetProperty("stay_id").GetString()));
                    Assert.False(string.IsNullOrEmpty(e.GetProperty("patient_id").GetString()));
                    Assert.False(string.IsNullOrEmpty(e.GetProperty("facility_id").GetString()));
                    Timestamp(e, "admitted_at");
                    break;
                case "discharge":
                    Assert.False(string.IsNullOrEmpty(e.GetProperty("stay_id").GetString()));
                    Assert.False(string.IsNullOrEmpty(e.GetProperty("patient_id").GetString()));
                    Timestamp(e, "discharged_at");
                    break;
                default:
                    Assert.Fail($"unknown type: {line}");
                    break;
            }
        }
    }

    [Fact]
    public void Settlements_Amounts_AddUpExactlyWithTwoDecimals()
    {
        var data = fixture.Data;
        foreach (var s in data.Settlements.Values)
        {
            Assert.Equal(s.Total, s.Lines.Sum(l => l.Amount));
            Assert.Equal(s.Total, s.Fund + s.Self);
            Assert.True(s.Fund >= 0 && s.Self >= 0, s.Id);
            foreach (var l in s.Lines)
            {
                Assert.True(l.Quantity > 0, s.Id);
                Assert.Equal((long)Math.Round(l.Quantity * l.UnitPrice, MidpointRounding.AwayFromZero), l.Amount);
                Assert.Equal(l.ItemType == "drug", l.DaysSupply is not null);
                Assert.True(l.DaysSupply is null or >= 1, s.Id);
                if (l.ItemType == "drug")
                {
                    Assert.True(data.Drugs.ContainsKey(l.ItemCode), $"unknown drug {l.ItemCode}");
                }
            }

            Assert.True(data.Facilities.ContainsKey(s.FacilityId));
            Assert.True(s.PrescribingFacilityId is null || data.Facilities.ContainsKey(s.PrescribingFacilityId));
            Assert.True(data.Quotas.ContainsKey(s.DiseaseCode));
            Assert.True(data.Patients.ContainsKey(s.PatientId));
        }

        // Every number in the events has at most two decimals.
        foreach (var line in data.EventLines)
        {
            Assert.DoesNotMatch(ThreeDecimals(), line);
        }
    }

    [Fact]
    public void Events_DeliveryNoise_IsPresentAndConsistent()
    {
        var summary = fixture.Summary;
        var data = fixture.Data;
        Assert.True(summary.Reversals > 0 && summary.Admissions > 0 && summary.DuplicateDeliveries > 0 && summary.LateArrivals > 0);
        Assert.Equal(summary.Admissions, summary.Discharges);
        Assert.Equal(summary.EventLines, data.EventLines.Count);
        Assert.Equal(summary.Settlements, data.Settlements.Count);
        Assert.Equal(summary.Settlements + summary.Reversals + summary.Admissions + summary.Discharges + summary.DuplicateDeliveries, summary.EventLines);
        Assert.All(data.Reversed, id => Assert.True(data.Settlements.ContainsKey(id)));
        var files = Directory.GetFiles(fixture.Dir).Sum(f => new FileInfo(f).Length);
        Assert.Equal(files, summary.BytesWritten);

        // Re-settlement: most reversed settlements have a live one of the same prescription on the same day.
        var resettled = data.Reversed.Count(id => data.Settlements.Values.Any(o => !data.Reversed.Contains(o.Id)
            && o.PatientId == data.Settlements[id].PatientId && o.Date == data.Settlements[id].Date && o.Raw.Contains(PrescriptionOf(data.Settlements[id].Raw), StringComparison.Ordinal)));
        Assert.True(resettled > data.Reversed.Count / 2);
    }

    [Fact]
    public void ReferenceData_HasEveryKindOfFacilityAndTheWenzhouDiseases()
    {
        var data = fixture.Data;
        Assert.True(data.Facilities.Count >= 12);
        foreach (var kind in new[] { "hospital", "community", "clinic", "pharmacy" })
        {
            Assert.Contains(data.Facilities.Values, f => f.Kind == kind);
        }

        Assert.Contains(data.Facilities.Values, f => f.Kind == "community" && f.EssentialOnly);
        Assert.All(data.Facilities, f => Assert.Matches("^[0-9]{6}$", f.Value.Region));
        foreach (var code in new[] { "HTN", "T2DM", "TB", "CHD", "ASTHMA", "CKD", "COPD", "CLD", "PD", "RA", "AD", "SCZ", "HLP", "EPI", "BPH" })
        {
            Assert.True(data.Quotas.ContainsKey(code), code);
        }

        foreach (var ingredient in data.Drugs.Values.GroupBy(d => d.Ingredient))
        {
            Assert.InRange(ingredient.Count(), 2, 3);
            Assert.All(ingredient, d => Assert.NotEmpty(d.Diseases));
        }

        Assert.Equal("M", data.Drugs.Values.First(d => d.Ingredient == "finasteride").Gender);
        Assert.All(data.Patients.Values, p =>
        {
            Assert.NotEmpty(p.Cards);
            Assert.Equal("active", p.Statuses[0].Status);
            Assert.All(p.Approvals, a => Assert.Equal(a.ApprovedOn.AddYears(2).AddDays(-1), a.ValidUntil));
        });
        Assert.Contains(data.Patients.Values, p => p.Statuses.Any(s => s.Status == "deceased"));
        Assert.Contains(data.Patients.Values, p => p.Designated.Count > 0);
    }

    private static string PrescriptionOf(string raw)
    {
        var i = raw.IndexOf("\"prescription_id\":\"", StringComparison.Ordinal);
        return raw.Substring(i, raw.IndexOf('"', i + 19) - i + 1);
    }

    private static void Timestamp(JsonElement e, string name)
    {
        var value = e.GetProperty(name).GetString()!;
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\+08:00$", value);
        _ = ContractData.Time(e, name);
    }

    [GeneratedRegex(@"[:\[,][0-9]+\.[0-9]{3,}")]
    private static partial Regex ThreeDecimals();
}
