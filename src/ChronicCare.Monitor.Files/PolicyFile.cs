using ChronicCare.Monitor.Policy;

namespace ChronicCare.Monitor.Files;

/// <summary>Reads a policy from a file, or from <c>policy.json</c> in a folder such as <c>pipelines/policies/default</c>.</summary>
public static class PolicyFile
{
    public const string FileName = "policy.json";

    public static DetectionPolicy Load(string? path)
    {
        if (path is null)
        {
            return DetectionPolicy.Default;
        }

        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
        {
            throw new PolicyException($"policy file not found: {file}");
        }

        return PolicyReader.Parse(File.ReadAllText(file));
    }
}
