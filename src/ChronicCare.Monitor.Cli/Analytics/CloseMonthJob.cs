using ChronicCare.Monitor.Analytics;
using ChronicCare.Monitor.Analytics.MonthClose;
using ChronicCare.Monitor.Analytics.Recording;
using ChronicCare.Monitor.Contract;
using ChronicCare.Monitor.Files;
using ChronicCare.Monitor.Kafka;
using ChronicCare.Monitor.Kafka.Producing;
using ChronicCare.Monitor.Kafka.Runtime;
using ChronicCare.Monitor.Reference;

namespace ChronicCare.Monitor.Cli.Analytics;

/// <summary>
/// <c>close-month</c>: R12/R13 of one month judged from the analytics store (<see cref="MonthCloser"/>). A month not
/// yet over is judged provisionally (run it on a schedule during the month: what stops holding is withdrawn). The
/// records emitted go to the store and, with <c>--kafka</c>, to the alerts topic like any other alert.
/// </summary>
internal static class CloseMonthJob
{
    public static async Task<MonthCloseResult> RunAsync(StoreChoice storeChoice, string month, string? referenceDir, string? policyPath, string? kafka,
        KafkaTopics topics, TimeProvider time, TextWriter log, CancellationToken ct)
    {
        var first = Months.Parse(month);
        var policy = PolicyFile.Load(policyPath);
        var pseudonyms = storeChoice.Pseudonyms();
        var patientIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Patients(referenceDir, kafka, topics.Reference, ct))
        {
            patientIds[pseudonyms.Key(p.PatientId)] = p.PatientId;
        }

        var provisional = first.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) > time.GetUtcNow().UtcDateTime.AddHours(8);
        await using var store = await storeChoice.OpenAsync(ct).ConfigureAwait(false);

        // A patient the reference does not know (contract §6) is still named by the month's alerts (R06 at least), as
        // detect names it: the same R13 id on both paths.
        foreach (var a in await store.AlertsAsync(month, ct).ConfigureAwait(false))
        {
            if (a.PatientId is { } id && !Pseudonymizer.IsKey(id))
            {
                patientIds.TryAdd(pseudonyms.Key(id), id);
            }
        }

        log.WriteLine($"close-month: {patientIds.Count:N0} patients to name R13's subjects by");
        var result = await new MonthCloser(store, policy, time).CloseAsync(month, patientIds, provisional, ct).ConfigureAwait(false);
        if (kafka is not null && result.Emitted.Count > 0)
        {
            using var publisher = new EventPublisher(kafka);
            foreach (var a in result.Emitted)
            {
                publisher.Publish(topics.Alerts, a.AlertId, ContractJson.ToUtf8(w => ContractJson.Write(w, a)));
            }

            await publisher.FlushAsync(ct).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// The enrolled patients, whose ids R13's alerts name (the store holds only pseudonyms): from the reference folder,
    /// else the reference topic. Without either, a month close would name patients by key and flip R13's alert ids.
    /// </summary>
    private static IEnumerable<Patient> Patients(string? referenceDir, string? kafka, string referenceTopic, CancellationToken ct)
    {
        if (referenceDir is not null)
        {
            return ReferenceLoader.Load(referenceDir).Patients;
        }

        if (kafka is null)
        {
            throw new ArgumentException("R13 names its patients: give --reference DIR or --kafka BOOTSTRAP (the reference topic)");
        }

        var reference = new ReferenceData();
        using var feed = new ReferenceFeed(kafka, $"chroniccare-close-month-{Guid.NewGuid():N}", referenceTopic);
        feed.LoadToEnd(u => reference.Upsert(u.Record), _ => { }, TimeSpan.FromSeconds(60), ct);
        return reference.Patients.ToList();
    }
}
