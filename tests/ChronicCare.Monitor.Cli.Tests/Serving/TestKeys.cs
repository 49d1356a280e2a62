using ChronicCare.Monitor.Cli.Serving.Keys;

namespace ChronicCare.Monitor.Cli.Tests.Serving;

/// <summary>
/// The keys the serve tests present. The users are those of the repository's <c>pipelines/reviewers.json</c>, plus
/// <c>mallory</c>, whose key says reviewer but whom the roster does not list.
/// </summary>
internal static class TestKeys
{
    public const string Viewer = "test-viewer-key-7f3a9c";
    public const string Reviewer = "test-reviewer-key-2b81d4";
    public const string Supervisor = "test-supervisor-key-c94e07";
    public const string OffRoster = "test-offroster-key-5d6e11";
    public const string Unknown = "test-unknown-key-000000";

    public static ApiKeyRing Ring { get; } = ApiKeyRing.Parse($$"""
        {
          "keys": [
            { "user": "viewer.demo", "role": "viewer", "sha256": "{{ApiKeyRing.HashOf(Viewer)}}" },
            { "user": "reviewer.demo", "role": "reviewer", "sha256": "{{ApiKeyRing.HashOf(Reviewer)}}" },
            { "user": "supervisor.demo", "role": "supervisor", "sha256": "{{ApiKeyRing.HashOf(Supervisor)}}" },
            { "user": "mallory", "role": "reviewer", "sha256": "{{ApiKeyRing.HashOf(OffRoster)}}" }
          ]
        }
        """);

    public static string? Of(string role) => role switch
    {
        "viewer" => Viewer,
        "reviewer" => Reviewer,
        "supervisor" => Supervisor,
        "offroster" => OffRoster,
        "unknown" => Unknown,
        _ => null,
    };

    /// <summary>Every key string, to check that none ever reaches a log.</summary>
    public static IEnumerable<string> All => [Viewer, Reviewer, Supervisor, OffRoster, Unknown];
}
