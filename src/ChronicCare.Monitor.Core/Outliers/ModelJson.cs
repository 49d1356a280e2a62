using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>Strict readers for the model file's envelope: a missing or mistyped property is a <see cref="ModelFormatException"/> naming it.</summary>
internal static class ModelJson
{
    public static JsonElement Property(JsonElement e, string name, string what)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException($"{what}: not an object");
        }

        return e.TryGetProperty(name, out var p) ? p : throw new ModelFormatException($"{what}.{name}: missing");
    }

    public static double Number(JsonElement e, string name, string what)
    {
        var p = Property(e, name, what);
        return p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var v) && double.IsFinite(v)
            ? v
            : throw new ModelFormatException($"{what}.{name}: not a finite number");
    }

    public static string String(JsonElement e, string name, string what)
    {
        var p = Property(e, name, what);
        return p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new ModelFormatException($"{what}.{name}: not a string");
    }
}
