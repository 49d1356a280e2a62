using ChronicCare.Monitor.Analytics.MonthClose;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Kafka.Producing;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>
/// <c>close-month</c>: R12/R13 of one month judged from the analytics store (<see cref="MonthCloser"/>). A month not
/// yet over is judged provisionally (run it on a schedule during the month: what stops holding is withdrawn). The
/// records emitted go to the store and, with <c>--kafka</c>, to the alerts topic like any other alert.
/// </summary>
internal static class CloseMonthJob
{
    public static async Task<MonthCloseResult> RunAsync(StoreChoice storeChoice, string month, string? referenceDir, string? policyPath, string? kafka,
        string alertsTopic, TimeProvider time, TextWriter log, CancellationToken ct)
    {
        var first = Months.Validate(month);
        var policy = PolicyFile.Load(policyPath);
        var pseudonyms = storeChoice.Pseudonyms();
        var patientIds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (referenceDir is not null)
        {
            foreach (var p in ReferenceLoader.Load(referenceDir).Patients)
            {
                patientIds[pseudonyms.Key(p.PatientId)] = p.PatientId;
            }
        }
        else
        {
            log.WriteLine("close-month: no --reference: R13 alerts name the patient by its pseudonym key");
        }

        var provisional = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) > time.GetUtcNow().UtcDateTime.AddHours(8);
        await using var store = await storeChoice.OpenAsync(ct).ConfigureAwait(false);
        var result = await new MonthCloser(store, policy, time).CloseAsync(month, patientIds, provisional, ct).ConfigureAwait(false);
        if (kafka is not null && result.Emitted.Count > 0)
        {
            using var publisher = new EventPublisher(kafka);
            foreach (var a in result.Emitted)
            {
                publisher.Publish(alertsTopic, a.AlertId, ContractJson.ToUtf8(w => ContractJson.Write(w, a)));
            }

            await publisher.FlushAsync(ct).ConfigureAwait(false);
        }

        return result;
    }
}
