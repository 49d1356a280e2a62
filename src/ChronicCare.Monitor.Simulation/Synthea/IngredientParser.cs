using System.Text;

namespace ChronicCare.Monitor.Simulation.Synthea;

/// <summary>
/// Derives the generic ingredient from an RxNorm-style description: per component (split on " / "), the words
/// before the strength, without leading pack sizes ("24 HR", "120 ACTUAT", "NDA020503 200 ACTUAT") or a trailing
/// "[Brand]", lower-cased; components joined with '/'. "lisinopril 10 MG Oral Tablet" → "lisinopril".
/// </summary>
internal static class IngredientParser
{
    public static string Parse(string description)
    {
        var text = description;
        var bracket = text.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            text = text[..bracket];
        }

        var parts = new List<string>();
        foreach (var component in text.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = Component(component);
            if (name.Length > 0 && !parts.Contains(name))
            {
                parts.Add(name);
            }
        }

        return parts.Count == 0 ? description.Trim().ToLowerInvariant() : string.Join('/', parts);
    }

    private static string Component(string component)
    {
        var words = component.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var i = 0;
        while (i < words.Length && IsPackWord(words[i]))
        {
            i++;
        }

        var sb = new StringBuilder();
        for (; i < words.Length && !char.IsAsciiDigit(words[i][0]); i++)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(words[i].TrimEnd(','));
        }

        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>A leading pack-size word: a number, or an all-capitals token such as HR, ML, ACTUAT, NDA020503.</summary>
    private static bool IsPackWord(string word) =>
        char.IsAsciiDigit(word[0]) || (word.Length >= 2 && word.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)));
}
