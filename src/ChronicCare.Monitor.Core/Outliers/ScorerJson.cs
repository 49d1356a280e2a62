using System.Text.Json;

namespace ChronicCare.Monitor.Outliers;

/// <summary>
/// Strict readers and writers for the scorers' and the scaler's JSON: every missing, mistyped or non-finite piece
/// becomes a <see cref="ModelFormatException"/> whose one-line message names the kind and the property, so a bad model
/// file is refused at load, never scored.
/// </summary>
internal static class ScorerJson
{
    public static void RequireObject(JsonElement e, string kind)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException($"{kind}: expected a JSON object, got {e.ValueKind}");
        }
    }

    public static JsonElement Property(JsonElement e, string kind, string name)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ModelFormatException($"{kind}: expected a JSON object holding \"{name}\", got {e.ValueKind}");
        }

        return e.TryGetProperty(name, out var p) ? p : throw new ModelFormatException($"{kind}: missing \"{name}\"");
    }

    public static string String(JsonElement e, string kind, string name)
    {
        var p = Property(e, kind, name);
        return p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new ModelFormatException($"{kind}: \"{name}\" must be a string");
    }

    public static int Int(JsonElement e, string kind, string name, int min)
    {
        var p = Property(e, kind, name);
        if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out var v))
        {
            throw new ModelFormatException($"{kind}: \"{name}\" must be an integer");
        }

        return v >= min ? v : throw new ModelFormatException($"{kind}: \"{name}\" is {v}, below {min}");
    }

    public static JsonElement Array(JsonElement e, string kind, string name)
    {
        var p = Property(e, kind, name);
        return p.ValueKind == JsonValueKind.Array ? p : throw new ModelFormatException($"{kind}: \"{name}\" must be an array");
    }

    /// <summary>The number array <paramref name="name"/>: exactly <paramref name="length"/> finite entries (any count when negative).</summary>
    public static double[] Doubles(JsonElement e, string kind, string name, int length) =>
        Doubles(Array(e, kind, name), $"{kind}: \"{name}\"", length);

    /// <summary>The number array <paramref name="a"/> (<paramref name="what"/> names it in a reason).</summary>
    public static double[] Doubles(JsonElement a, string what, int length)
    {
        if (a.ValueKind != JsonValueKind.Array)
        {
            throw new ModelFormatException($"{what} must be an array");
        }

        var n = a.GetArrayLength();
        if (length >= 0 && n != length)
        {
            throw new ModelFormatException($"{what} has {n} entries, expected {length}");
        }

        var values = new double[n];
        var i = 0;
        foreach (var item in a.EnumerateArray())
        {
            // TryGetDouble refuses NaN and the infinities; a string such as "NaN" is not a number at all.
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var v) || !double.IsFinite(v))
            {
                throw new ModelFormatException($"{what}[{i}] is not a finite number");
            }

            values[i++] = v;
        }

        return values;
    }

    public static int[] Ints(JsonElement e, string kind, string name, int length)
    {
        var a = Array(e, kind, name);
        var n = a.GetArrayLength();
        if (length >= 0 && n != length)
        {
            throw new ModelFormatException($"{kind}: \"{name}\" has {n} entries, expected {length}");
        }

        var values = new int[n];
        var i = 0;
        foreach (var item in a.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var v))
            {
                throw new ModelFormatException($"{kind}: \"{name}\"[{i}] is not an integer");
            }

            values[i++] = v;
        }

        return values;
    }

    /// <summary>Writes a number array, as property <paramref name="name"/> or, when null, as an array element.</summary>
    public static void WriteArray(Utf8JsonWriter w, string? name, ReadOnlySpan<double> values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var v in values)
        {
            // Utf8JsonWriter writes the shortest round-trippable form, so Read gives back the same bits.
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    public static void WriteArray(Utf8JsonWriter w, string name, ReadOnlySpan<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <paramref name="shares"/> normalised to sum 1 in place (all zeros stay zeros).</summary>
    public static void Normalise(Span<double> shares)
    {
        var total = 0.0;
        foreach (var s in shares)
        {
            total += s;
        }

        if (total > 0 && double.IsFinite(total))
        {
            for (var j = 0; j < shares.Length; j++)
            {
                shares[j] /= total;
            }
        }
        else
        {
            shares.Clear();
        }
    }
}
