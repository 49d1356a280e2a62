using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChronicCare.Monitor.Modeling.Tests.Support;

/// <summary>Model JSON in and out of strings, and editable as nodes to corrupt a piece.</summary>
internal static class Json
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static JsonElement Edit(string json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Parse(node.ToJsonString());
    }
}
