using System.Globalization;
using System.Text.Json;
using ChronicCare.Monitor.Analytics.Store;

namespace ChronicCare.Monitor.ClickHouse.Analytics;

/// <summary>
/// Typed reads of one JSONEachRow answer row, as ClickHouse writes them on 18.16 and current versions alike: 64-bit
/// integers as quoted strings (or bare numbers when a server is set so), dates as <c>yyyy-MM-dd</c>, DateTime as
/// <c>yyyy-MM-dd HH:mm:ss</c> in the column's zone (UTC here), NULL as null.
/// </summary>
internal static class JsonRow
{
    public static string Str(this JsonElement row, string name) => row.GetProperty(name).GetString() ?? throw Missing(name);

    public static string? NullableStr(this JsonElement row, string name) => row.GetProperty(name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    public static long Long(this JsonElement row, string name)
    {
        var v = row.GetProperty(name);
        return v.ValueKind == JsonValueKind.String ? long.Parse(v.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : v.GetInt64();
    }

    public static int Int(this JsonElement row, string name) => checked((int)row.Long(name));

    public static bool Bool(this JsonElement row, string name) => row.Long(name) != 0;

    public static double? NullableDouble(this JsonElement row, string name) => row.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    public static DateOnly Date(this JsonElement row, string name) => StoreText.ParseDate(row.Str(name));

    public static DateOnly? NullableDate(this JsonElement row, string name) => row.NullableStr(name) is { } day ? StoreText.ParseDate(day) : null;

    /// <summary>A <c>DateTime('UTC')</c> value as an instant at offset zero.</summary>
    public static DateTimeOffset Utc(this JsonElement row, string name) =>
        DateTimeOffset.ParseExact(row.Str(name), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string[] StrArray(this JsonElement row, string name) =>
        [.. row.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? throw Missing(name))];

    private static FormatException Missing(string name) => new($"ClickHouse answered null for the non-null column {name}");
}
