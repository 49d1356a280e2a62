using System.Globalization;
using ChronicCare.Monitor.Outliers;

namespace ChronicCare.Monitor.Cli.Outliers;

/// <summary>
/// Where R15's model comes from (<c>--model</c>): <c>none</c> turns R15 off; a <c>model.json</c> file or a folder
/// holding one is that version; any other folder holds versions (<c>outlier-v1</c>, <c>outlier-v2</c>, …) and the
/// highest is used, so a newly trained version dropped beside the old ones is the one picked up. Without
/// <c>--model</c>: <c>./models</c>, else the <c>models</c> folder shipped beside the program.
/// </summary>
internal static class ModelLocator
{
    public const string None = "none";

    public const string FileName = "model.json";

    public const string VersionPrefix = "outlier-v";

    /// <summary>The model file <paramref name="option"/> names now; null when R15 is off or no version exists.</summary>
    public static string? Resolve(string? option)
    {
        if (string.Equals(option, None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (option is null)
        {
            var local = Path.GetFullPath("models");
            var shipped = Path.Combine(AppContext.BaseDirectory, "models");
            return Directory.Exists(local) && Newest(local) is { } l ? l : Directory.Exists(shipped) ? Newest(shipped) : null;
        }

        if (File.Exists(option))
        {
            return Path.GetFullPath(option);
        }

        if (!Directory.Exists(option))
        {
            throw new ArgumentException($"--model: no such file or folder: {option} (give a model.json, its folder, a folder of outlier-vN versions, or none)");
        }

        var inside = Path.Combine(option, FileName);
        return File.Exists(inside) ? Path.GetFullPath(inside) : Newest(option);
    }

    /// <summary>The highest <c>outlier-vN/model.json</c> under <paramref name="folder"/>, or null.</summary>
    public static string? Newest(string folder) => Directory.EnumerateDirectories(folder, VersionPrefix + "*")
        .Select(d => (Dir: d, N: int.TryParse(Path.GetFileName(d)[VersionPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
        .Where(v => v.N >= 0 && File.Exists(Path.Combine(v.Dir, FileName)))
        .OrderByDescending(v => v.N)
        .Select(v => Path.GetFullPath(Path.Combine(v.Dir, FileName)))
        .FirstOrDefault();

    /// <summary>Loads a model file; a missing, corrupt or incompatible one gives <see cref="ModelFormatException"/> naming the file.</summary>
    public static OutlierModel Load(string path)
    {
        try
        {
            return OutlierModel.Parse(File.ReadAllBytes(path));
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ModelFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The slot R15 scores from at start: the model <paramref name="option"/> names, or empty (rules only) with the
    /// reason written to <paramref name="error"/> when there is none or it cannot be read.
    /// </summary>
    public static (OutlierModelSlot Slot, string? Path) Open(string? option, TextWriter error, string job)
    {
        var path = Resolve(option);
        if (path is null)
        {
            if (!string.Equals(option, None, StringComparison.OrdinalIgnoreCase))
            {
                error.WriteLine($"{job}: R15 off: no outlier model found (train one with `chroniccare train`, or pass --model)");
            }

            return (new OutlierModelSlot(), null);
        }

        try
        {
            return (new OutlierModelSlot(Load(path)), path);
        }
        catch (ModelFormatException e)
        {
            error.WriteLine($"{job}: R15 off, the rules run alone: {e.Message}");
            return (new OutlierModelSlot(), path);
        }
    }
}
