using System.Globalization;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// Where R15's model comes from (<c>--model</c>): <c>none</c> turns R15 off; a <c>model.json</c> file or a folder
/// holding one is that version; any other folder holds versions (<c>outlier-v1</c>, <c>outlier-v2</c>, …) and the
/// highest that loads is used, so a newly trained version dropped beside the old ones is the one picked up, and a
/// broken one falls back to its predecessor. Without <c>--model</c>: <c>./models</c>, else the <c>models</c> folder
/// shipped beside the program.
/// </summary>
internal static class ModelLocator
{
    public const string None = "none";

    public const string FileName = "model.json";

    public const string VersionPrefix = "outlier-v";

    /// <summary>The number of a version folder's name (<c>outlier-v12</c> → 12): digits only, no sign, no leading zero; else null.</summary>
    public static int? VersionNumber(string name)
    {
        if (!name.StartsWith(VersionPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = name.AsSpan(VersionPrefix.Length);
        return digits.Length is > 0 and <= 9 && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The model file <paramref name="option"/> names now (the highest version of a folder of them); null when R15 is off or no version exists.</summary>
    public static string? Resolve(string? option) => Candidates(option).FirstOrDefault();

    /// <summary>The model files <paramref name="option"/> names, the preferred first (a folder of versions: highest first).</summary>
    public static IReadOnlyList<string> Candidates(string? option)
    {
        if (string.Equals(option, None, StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (option is null)
        {
            var local = Path.GetFullPath("models");
            var shipped = Path.Combine(AppContext.BaseDirectory, "models");
            return Directory.Exists(local) && Versions(local) is { Count: > 0 } l ? l : Directory.Exists(shipped) ? Versions(shipped) : [];
        }

        if (File.Exists(option))
        {
            return [Path.GetFullPath(option)];
        }

        if (!Directory.Exists(option))
        {
            throw new ArgumentException($"--model: no such file or folder: {option} (give a model.json, its folder, a folder of outlier-vN versions, or none)");
        }

        var inside = Path.Combine(option, FileName);
        return File.Exists(inside) ? [Path.GetFullPath(inside)] : Versions(option);
    }

    /// <summary>The <c>outlier-vN/model.json</c> files under <paramref name="folder"/>, highest N first.</summary>
    public static IReadOnlyList<string> Versions(string folder) => Directory.EnumerateDirectories(folder, VersionPrefix + "*")
        .Select(d => (Dir: d, N: VersionNumber(Path.GetFileName(d))))
        .Where(v => v.N is not null && File.Exists(Path.Combine(v.Dir, FileName)))
        .OrderByDescending(v => v.N)
        .Select(v => Path.GetFullPath(Path.Combine(v.Dir, FileName)))
        .ToList();

    /// <summary>
    /// Loads a model file. A missing, unreadable, corrupt or incompatible one, or one whose version is not its folder's
    /// name (alerts would cite the wrong version), gives <see cref="ModelFormatException"/> naming the file.
    /// </summary>
    public static OutlierModel Load(string path)
    {
        OutlierModel model;
        try
        {
            model = OutlierModel.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is ModelFormatException or IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))!;
        if (VersionNumber(folder) is not null && !string.Equals(folder, model.Version, StringComparison.Ordinal))
        {
            throw new ModelFormatException($"{path}: the folder {folder} holds model {model.Version}; a version lives in the folder of its name");
        }

        return model;
    }

    /// <summary>
    /// A line for <paramref name="error"/> when the policy's <c>outlier.target_alert_rate</c> is not the one the model
    /// was calibrated to: the rate is fixed by training (the threshold), so the policy's number only takes effect after
    /// <c>chroniccare train</c>.
    /// </summary>
    public static void WarnIfRateDiffers(OutlierModelSlot? slot, Monitor.Policy.DetectionPolicy policy, TextWriter error, string job)
    {
        if (slot?.Current is { } model && Math.Abs(model.TargetAlertRate - policy.Outlier.TargetAlertRate) > 1e-12)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{job}: the policy's outlier.target_alert_rate {policy.Outlier.TargetAlertRate} is not {model.Version}'s {model.TargetAlertRate}: the model's threshold stands until it is trained again"));
        }
    }

    /// <summary>
    /// The slot R15 scores from at start: null when <paramref name="option"/> is <c>none</c> (R15 off); otherwise the
    /// first candidate that loads (each refused one reported on <paramref name="error"/>), or an empty slot when none
    /// does (the rules run alone; R15's earlier alerts stand). The path is the loaded file's, else the preferred one's.
    /// </summary>
    public static (OutlierModelSlot? Slot, string? Path) Open(string? option, TextWriter error, string job)
    {
        if (string.Equals(option, None, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        var candidates = Candidates(option);
        if (candidates.Count == 0)
        {
            error.WriteLine($"{job}: R15 off: no outlier model found (train one with `chroniccare train`, or pass --model)");
            return (new OutlierModelSlot(), null);
        }

        var refused = new List<string>();
        foreach (var path in candidates)
        {
            try
            {
                var model = Load(path);
                foreach (var reason in refused)
                {
                    error.WriteLine($"{job}: model not loaded: {reason}; R15 scores with {model.Version}, the newest version that loads");
                }

                return (new OutlierModelSlot(model), path);
            }
            catch (ModelFormatException e)
            {
                refused.Add(e.Message);
            }
        }

        error.WriteLine($"{job}: R15 off, the rules run alone (earlier R15 alerts stand): {string.Join("; ", refused)}");
        return (new OutlierModelSlot(), candidates[0]);
    }
}
