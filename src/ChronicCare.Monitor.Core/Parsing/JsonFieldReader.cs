using System.Text.Json;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Parsing;

/// <summary>
/// Typed reads of the value under a <see cref="Utf8JsonReader"/> positioned on a property name.
/// Each returns false and sets a one-line reason on a wrong type; the reason names the field.
/// </summary>
internal static class JsonFieldReader
{
    public static bool String(ref Utf8JsonReader r, string field, out string value, out string? error, StringPool? pool = null)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String)
        {
            value = string.Empty;
            error = $"'{field}' must be a string";
            return false;
        }

        value = pool is null ? r.GetString()! : pool.Get(ref r);
        if (value.Length == 0)
        {
            error = $"'{field}' must not be empty";
            return false;
        }

        error = null;
        return true;
    }

    public static bool NullableString(ref Utf8JsonReader r, string field, out string? value, out string? error, StringPool? pool = null)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            value = null;
            error = null;
            return true;
        }

        if (r.TokenType != JsonTokenType.String)
        {
            value = null;
            error = $"'{field}' must be a string or null";
            return false;
        }

        value = pool is null ? r.GetString() : pool.Get(ref r);
        error = null;
        return true;
    }

    public static bool Bool(ref Utf8JsonReader r, string field, out bool value, out string? error)
    {
        r.Read();
        if (r.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            value = r.TokenType == JsonTokenType.True;
            error = null;
            return true;
        }

        value = false;
        error = $"'{field}' must be true or false";
        return false;
    }

    public static bool Decimal(ref Utf8JsonReader r, string field, out decimal value, out string? error)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Number && (TryFastDecimal(r, out value) || r.TryGetDecimal(out value)))
        {
            error = null;
            return true;
        }

        value = 0;
        error = $"'{field}' must be a number";
        return false;
    }

    public static bool NullableDecimal(ref Utf8JsonReader r, string field, out decimal? value, out string? error)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            value = null;
            error = null;
            return true;
        }

        if (r.TokenType == JsonTokenType.Number && (TryFastDecimal(r, out var d) || r.TryGetDecimal(out d)))
        {
            value = d;
            error = null;
            return true;
        }

        value = null;
        error = $"'{field}' must be a number or null";
        return false;
    }

    public static bool Int(ref Utf8JsonReader r, string field, out int value, out string? error)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out value))
        {
            error = null;
            return true;
        }

        value = 0;
        error = $"'{field}' must be an integer";
        return false;
    }

    public static bool NullableInt(ref Utf8JsonReader r, string field, out int? value, out string? error)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            value = null;
            error = null;
            return true;
        }

        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var i))
        {
            value = i;
            error = null;
            return true;
        }

        value = null;
        error = $"'{field}' must be an integer or null";
        return false;
    }

    public static bool Timestamp(ref Utf8JsonReader r, string field, out Timestamp value, out string? error)
    {
        r.Read();
        value = default;
        if (r.TokenType != JsonTokenType.String)
        {
            error = $"'{field}' must be an ISO-8601 timestamp string";
            return false;
        }

        var ok = !r.ValueIsEscaped && !r.HasValueSequence
            ? IsoTimestamp.TryParse(r.ValueSpan, out value)
            : IsoTimestamp.TryParse(r.GetString(), out value);
        error = ok ? null : $"'{field}' must be an ISO-8601 timestamp with an offset";
        return ok;
    }

    /// <summary>
    /// Plain decimal numbers (<c>-?digits[.digits]</c>, up to 18 digits) straight from the bytes, which is most
    /// money and quantities; anything else (exponents, long mantissas) goes through the reader's own parser.
    /// </summary>
    private static bool TryFastDecimal(in Utf8JsonReader r, out decimal value)
    {
        value = 0;
        if (r.HasValueSequence)
        {
            return false;
        }

        var s = r.ValueSpan;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        byte scale = 0;
        var dot = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == (byte)'.' && !dot)
            {
                dot = true;
                continue;
            }

            if (c < (byte)'0' || c > (byte)'9' || ++digits > 18)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (c - '0');
            if (dot)
            {
                scale++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, scale);
        return true;
    }

    /// <summary>Reads a string token and maps it through <paramref name="map"/>.</summary>
    public static bool Enum<T>(ref Utf8JsonReader r, string field, Func<string, T?> map, string allowed, out T value, out string? error)
        where T : struct
    {
        r.Read();
        value = default;
        if (r.TokenType == JsonTokenType.String && map(r.GetString()!) is { } v)
        {
            value = v;
            error = null;
            return true;
        }

        error = $"'{field}' must be one of {allowed}";
        return false;
    }
}
