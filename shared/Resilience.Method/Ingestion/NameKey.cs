using System.Text;

namespace Resilience.Method.Ingestion;

/// <summary>
/// The comparable form of a header or a name: full-width characters folded (NFKC), lower case, white space
/// (also inside, e.g. "城    市") and the punctuation people vary (_ - . ' ’ ·) removed.
/// </summary>
public static class NameKey
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '.' or '\'' or '’' or '·' or '•' or '\uFEFF') continue;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The keys a header cell may be known by: the whole text, the text without parenthesised parts (units:
    /// "人均GDP（元）"), and each line of a multi-line bilingual header ("人均地区生产总值\r\n(元)\r\nPer Capita GRP\r\n(yuan)").
    /// </summary>
    public static IEnumerable<string> Variants(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) yield break;
        var seen = new HashSet<string>();
        IEnumerable<string> Forms(string text)
        {
            yield return Of(text);
            yield return Of(WithoutParentheses(text));
        }
        foreach (var key in Forms(header)) if (key.Length > 0 && seen.Add(key)) yield return key;
        // Vendor style "碳排放量_吨", "GDP_万元": the name without a trailing unit.
        var underscore = header.LastIndexOf('_');
        if (underscore > 0 && IsUnit(header[(underscore + 1)..]))
            foreach (var key in Forms(header[..underscore])) if (key.Length > 0 && seen.Add(key)) yield return key;
        var lines = header.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 1)
            foreach (var line in lines)
                foreach (var key in Forms(line)) if (key.Length > 0 && seen.Add(key)) yield return key;
    }

    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "吨", "万吨", "亿吨", "千吨", "元", "万元", "亿元", "美元", "万美元", "百万美元", "人", "万人", "个", "张", "户", "万户", "公顷", "平方公里",
        "平方米", "%", "百分比", "百分比%", "‰", "t", "kt", "mt", "yuan", "usd", "km2", "m2", "ha", "pct", "percent",
    };

    private static bool IsUnit(string text) => Units.Contains(text.Trim());

    /// <summary>"GDP (yuan)" → "GDP ", "人均GDP（元）" → "人均GDP".</summary>
    public static string WithoutParentheses(string text)
    {
        var builder = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '(' or '（' or '[' or '【') depth++;
            else if (c is ')' or '）' or ']' or '】') depth = Math.Max(0, depth - 1);
            else if (depth == 0) builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The text inside the last pair of parentheses, or null: "Unit (Million tons)" → "Million tons".</summary>
    public static string? InParentheses(string text)
    {
        var close = text.LastIndexOfAny([')', '）']);
        if (close < 0) return null;
        var open = text.LastIndexOfAny(['(', '（'], close);
        return open < 0 ? null : text[(open + 1)..close].Trim();
    }

    /// <summary>Levenshtein distance, for "did you mean" candidates.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
