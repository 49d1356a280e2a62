using System.Text.Json;
using ChronicCare.Monitor.Contract;

namespace ChronicCare.Monitor.Sqlite;

/// <summary>JSON for the array columns (an action's alert ids): Chinese and other text stays readable in the file.</summary>
internal static class SqliteJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = ContractJson.WriterOptions.Encoder };
}
