using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChronicCare.Monitor.Policy;

/// <summary>
/// Reads a policy from its JSON text (comments and trailing commas allowed; snake_case names; an unknown
/// setting is an error, so a typo never silently falls back to a default). Missing settings keep their defaults.
/// </summary>
public static class PolicyReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static DetectionPolicy Parse(string json)
    {
        try
        {
            var policy = JsonSerializer.Deserialize<DetectionPolicy>(json, Options) ?? throw new PolicyException("invalid policy: empty document");
            return policy.Validate();
        }
        catch (JsonException ex)
        {
            throw new PolicyException($"invalid policy: {ex.Message.Split('\n')[0]}", ex);
        }
    }

    public static string Serialize(DetectionPolicy policy) => JsonSerializer.Serialize(policy, new JsonSerializerOptions(Options) { WriteIndented = true });
}
