namespace ChronicCare.Monitor.Kafka;

/// <summary>Topic names (issue 4): settings with these defaults.</summary>
public sealed record KafkaTopics
{
    public string Events { get; init; } = "chroniccare.events";

    public string Reference { get; init; } = "chroniccare.reference";

    public string Alerts { get; init; } = "chroniccare.alerts";

    public string Actions { get; init; } = "chroniccare.actions";

    public string DeadLetter { get; init; } = "chroniccare.dead-letter";

    public KafkaTopics Validate()
    {
        foreach (var (name, value) in new[] { ("events", Events), ("reference", Reference), ("alerts", Alerts), ("actions", Actions), ("dead-letter", DeadLetter) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"the {name} topic name is empty");
            }
        }

        return this;
    }
}
