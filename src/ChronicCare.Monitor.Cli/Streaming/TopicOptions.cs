using System.CommandLine;
using ChronicCare.Monitor.Kafka;

namespace ChronicCare.Monitor.Cli.Streaming;

/// <summary>The topic-name options shared by `run`, `produce` and `bench stream` (defaults: <see cref="KafkaTopics"/>).</summary>
internal sealed class TopicOptions
{
    private static readonly KafkaTopics Defaults = new();
    private readonly Option<string> _events = new("--topic-events") { Description = "Events topic", DefaultValueFactory = _ => Defaults.Events };
    private readonly Option<string> _reference = new("--topic-reference") { Description = "Reference topic (compacted)", DefaultValueFactory = _ => Defaults.Reference };
    private readonly Option<string> _alerts = new("--topic-alerts") { Description = "Alerts topic (compacted, key = alert_id)", DefaultValueFactory = _ => Defaults.Alerts };
    private readonly Option<string> _actions = new("--topic-actions") { Description = "Actions topic (compacted, key = action_id)", DefaultValueFactory = _ => Defaults.Actions };
    private readonly Option<string> _deadLetter = new("--topic-dead-letter") { Description = "Dead-letter topic", DefaultValueFactory = _ => Defaults.DeadLetter };

    public static TopicOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_events);
        command.Options.Add(_reference);
        command.Options.Add(_alerts);
        command.Options.Add(_actions);
        command.Options.Add(_deadLetter);
    }

    public KafkaTopics Read(ParseResult pr) => new KafkaTopics
    {
        Events = pr.GetValue(_events)!,
        Reference = pr.GetValue(_reference)!,
        Alerts = pr.GetValue(_alerts)!,
        Actions = pr.GetValue(_actions)!,
        DeadLetter = pr.GetValue(_deadLetter)!,
    }.Validate();
}
