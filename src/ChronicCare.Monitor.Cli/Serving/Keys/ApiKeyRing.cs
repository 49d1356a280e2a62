using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChronicCare.Monitor.Files;

namespace ChronicCare.Monitor.Cli.Serving.Keys;

/// <summary>
/// The API keys of <c>serve</c> (<c>pipelines/api-keys.json</c>): per key its user, role and the SHA-256 of the key.
/// Only hashes are configured, so the file reveals no key; a presented key is hashed and compared with every entry in
/// constant time (no early exit), so timing tells nothing about which entry, or how much of one, matched.
/// </summary>
internal sealed class ApiKeyRing
{
    /// <summary>Longer than any sensible key: such a header is refused before it is hashed.</summary>
    private const int MaxKeyLength = 512;

    private readonly (byte[] Hash, Caller Caller)[] _keys;

    private ApiKeyRing((byte[] Hash, Caller Caller)[] keys)
    {
        _keys = keys;
    }

    public int Count => _keys.Length;

    /// <summary>The caller <paramref name="presented"/> authenticates, or null for no or an unknown key.</summary>
    public Caller? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxKeyLength)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        Caller? found = null;
        foreach (var (expected, caller) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                found = caller;
            }
        }

        return found;
    }

    /// <summary>The SHA-256 of a key as the keys file spells it (lowercase hex): what an operator puts in the file.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static ApiKeyRing Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"API keys file not found: {path} (see pipelines/api-keys.json)");
        }

        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new InputException($"{path}: {e.Message}");
        }
    }

    /// <summary>Parses <c>{"keys": [{"user", "role", "sha256"}, ...]}</c>; throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static ApiKeyRing Parse(string json)
    {
        var keys = new List<(byte[] Hash, Caller Caller)>();
        var roles = new Dictionary<string, ServeRole>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("api keys: expected {\"keys\": [{\"user\", \"role\", \"sha256\"}, ...]}");
            }

            var n = 0;
            foreach (var entry in list.EnumerateArray())
            {
                n++;
                var user = Text(entry, "user");
                if (string.IsNullOrWhiteSpace(user))
                {
                    throw new FormatException($"api keys: entry {n} needs a \"user\"");
                }

                var role = ServeRoles.Parse(Text(entry, "role"))
                    ?? throw new FormatException($"api keys: entry {n} ({user}) needs a \"role\": viewer, reviewer or supervisor");
                var hex = Text(entry, "sha256");
                if (hex is not { Length: 64 } || !hex.All(char.IsAsciiHexDigit))
                {
                    throw new FormatException($"api keys: entry {n} ({user}) needs \"sha256\": the key's SHA-256 as 64 hex digits, never the key itself");
                }

                if (roles.TryGetValue(user, out var other) && other != role)
                {
                    throw new FormatException($"api keys: user '{user}' is listed with two roles");
                }

                var hash = Convert.FromHexString(hex);
                if (keys.Any(k => k.Hash.AsSpan().SequenceEqual(hash)))
                {
                    throw new FormatException($"api keys: entry {n} ({user}) repeats another entry's key");
                }

                roles[user] = role;
                keys.Add((hash, new Caller(user, role)));
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"api keys: not valid JSON: {e.Message.Split('\n')[0]}", e);
        }

        return new ApiKeyRing([.. keys]);
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
