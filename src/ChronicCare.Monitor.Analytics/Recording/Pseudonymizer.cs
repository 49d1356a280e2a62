using System.Security.Cryptography;
using System.Text;

namespace ChronicCare.Monitor.Analytics.Recording;

/// <summary>
/// The patient key the analytics tables hold instead of the patient id: HMAC-SHA256 of the id under a secret key,
/// the first 10 bytes in hex with a <c>pk_</c> prefix. Keyed, so nobody without the key can test a guessed id
/// against the tables (a plain hash of an 18-digit id is easily brute-forced); stable, so the same patient is the
/// same key in every month and in both stores. Thread-safe.
/// </summary>
public sealed class Pseudonymizer
{
    /// <summary>The environment variable that holds the key (hex, at least 32 hex digits).</summary>
    public const string KeyVariable = "CHRONICCARE_PSEUDONYM_KEY";

    private readonly byte[] _key;

    public Pseudonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("the pseudonym key must be at least 16 bytes", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Key(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(patientId), mac);
        return "pk_" + Convert.ToHexStringLower(mac[..10]);
    }

    /// <summary>
    /// The key of a patient named either by id or already by key (an R13 alert judged from the store without the
    /// reference names its patient by key): keys are never hashed twice.
    /// </summary>
    public string KeyOf(string patientOrKey) => IsKey(patientOrKey) ? patientOrKey : Key(patientOrKey);

    /// <summary>True for a string of this class's key shape (<c>pk_</c> and 20 hex digits).</summary>
    public static bool IsKey(string s) => s is { Length: 23 } && s.StartsWith("pk_", StringComparison.Ordinal) && s.AsSpan(3).ContainsAnyExcept("0123456789abcdef") == false;

    /// <summary>A key from its hex text (the environment variable or a key file's content).</summary>
    public static Pseudonymizer FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        try
        {
            return new Pseudonymizer(Convert.FromHexString(hex.Trim()));
        }
        catch (FormatException)
        {
            throw new ArgumentException($"the pseudonym key must be hex digits ({KeyVariable} or the key file)");
        }
    }

    /// <summary>A new random key as hex (32 bytes).</summary>
    public static string NewKeyHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
