using ChronicCare.Monitor.Streaming.Output;

namespace ChronicCare.Monitor.Kafka.Runtime;

/// <summary>The output topics' producer, owned by whoever builds the runtime (`run` and the benchmark).</summary>
public sealed class KafkaOutputHandle : IDisposable
{
    private readonly KafkaOutput _output;

    public KafkaOutputHandle(string bootstrap, KafkaTopics topics)
    {
        _output = new KafkaOutput(bootstrap, topics);
    }

    public IStreamOutput Output => _output;

    /// <summary>Fetches the output topics' metadata up front (see <see cref="KafkaOutput.WarmUp"/>).</summary>
    public void WarmUp(TimeSpan timeout) => _output.WarmUp(timeout);

    public void Dispose() => _output.Dispose();
}
