using ChronicCare.Monitor.Analytics.Triage;
using ChronicCare.Monitor.Cli.Serving.Keys;
using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Cli.Serving;

/// <summary>
/// What <c>serve</c> runs with, loaded and validated at start: where to listen (port 0 = a free one), the API keys,
/// the reviewers roster, the ladder's policy, and optionally the Kafka bootstrap to send decisions to <c>run</c>.
/// </summary>
internal sealed record ServeSetup(string Host, int Port, ApiKeyRing Keys, ReviewerRoster Roster, IntegrityPolicyOptions Integrity, string? Kafka, string EventsTopic)
{
    public ServeSetup Validate()
    {
        if (string.IsNullOrWhiteSpace(Host) || Host.Any(c => c is '/' or '?' or '#' or '@' || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException($"--host: expected an address or host name, got '{Host}'");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port: expected 0..65535 (0 = any free port), got {Port}");
        }

        if (Keys.Count == 0)
        {
            throw new ArgumentException("--keys: the keys file lists no key: nobody could use the API");
        }

        return this;
    }
}
