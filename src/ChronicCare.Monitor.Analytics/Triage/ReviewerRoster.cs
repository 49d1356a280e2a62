using System.Text.Json;
using ChronicCare.Monitor.Integrity;

namespace ChronicCare.Monitor.Analytics.Triage;

/// <summary>
/// Who may change a patient's benefits (brief: "actions that change a patient's benefits are audited and need an
/// authorised user"): the users of <c>pipelines/reviewers.json</c> with their roles. A <c>reviewer</c> confirms and
/// dismisses alerts; a <c>supervisor</c> also confirms fraud or resale (CANCEL + BAN + REFERRAL) and reinstates.
/// The roster authorises; authenticating the person at the terminal is the deployment's (the account that runs the
/// command), so the roster is kept with the policy under change control.
/// </summary>
public sealed class ReviewerRoster
{
    public const string Reviewer = "reviewer";

    public const string Supervisor = "supervisor";

    private readonly Dictionary<string, HashSet<string>> _roles;

    private ReviewerRoster(Dictionary<string, HashSet<string>> roles)
    {
        _roles = roles;
    }

    public int Count => _roles.Count;

    /// <summary>Parses the roster; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static ReviewerRoster Parse(string json)
    {
        var roles = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!doc.RootElement.TryGetProperty("users", out var users) || users.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("reviewers: expected {\"users\": [...]}");
            }

            foreach (var u in users.EnumerateArray())
            {
                var id = u.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.String ? user.GetString() : null;
                if (string.IsNullOrWhiteSpace(id))
                {
                    throw new FormatException("reviewers: every entry needs a \"user\"");
                }

                var set = new HashSet<string>(StringComparer.Ordinal);
                if (u.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array)
                {
                    foreach (var role in r.EnumerateArray())
                    {
                        var name = role.GetString();
                        set.Add(name is Reviewer or Supervisor ? name : throw new FormatException($"reviewers: unknown role '{name}' (reviewer, supervisor)"));
                    }
                }

                if (!roles.TryAdd(id, set))
                {
                    throw new FormatException($"reviewers: user '{id}' is listed twice");
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"reviewers: not valid JSON: {e.Message.Split('\n')[0]}", e);
        }

        return new ReviewerRoster(roles);
    }

    public bool Has(string user, string role) => _roles.TryGetValue(user, out var set) && set.Contains(role);

    /// <summary>
    /// Why <paramref name="user"/> may not take this decision, or null when they may: confirming and dismissing need
    /// the reviewer role; confirming fraud or resale and reinstating need the supervisor role. The same check guards
    /// <c>triage</c> and, for decisions arriving on the events topic, <c>run</c>.
    /// </summary>
    public string? Refusal(string user, ReviewVerdict verdict, ReviewFinding finding)
    {
        var (role, what) = verdict == ReviewVerdict.Reinstate ? (Supervisor, "reinstate actions")
            : finding != ReviewFinding.Rule ? (Supervisor, "confirm fraud or resale (CANCEL, BAN and REFERRAL)")
            : (Reviewer, "confirm or dismiss alerts");
        return Has(user, role) ? null : $"user '{user}' is not authorised to {what} (needs the {role} role in the reviewers roster)";
    }
}
