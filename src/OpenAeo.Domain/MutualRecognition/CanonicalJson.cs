using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS) for the JSON the status exchange hashes and signs: log entries and
/// tree heads. Two administrations that canonicalise the same JSON value get the same bytes, whatever their
/// language or JSON library, so a leaf hash or a signature can be checked on what was received.
/// </summary>
/// <remarks>
/// <para>
/// Supported: objects (members sorted by the UTF-16 code units of their names, RFC 8785 §3.2.3), arrays, strings
/// (escaped as RFC 8785 §3.2.2.2 says: <c>\"</c>, <c>\\</c>, <c>\b \f \n \r \t</c>, other controls as lower-case
/// <c>\u00xx</c>, everything else literal), <c>true</c>, <c>false</c>, <c>null</c> and numbers whose value is an
/// integer within the I-JSON safe range ±(2^53 − 1) (RFC 7493 §2.2). An integral value written <c>56.0</c> or
/// <c>1e2</c> canonicalises to <c>56</c> or <c>100</c>, as RFC 8785 §3.2.2.3 requires.
/// </para>
/// <para>
/// Rejected: fractional numbers (the exchange carries no floating-point values, which spares every partner the
/// ECMAScript double formatting of §3.2.2.3), integers outside the safe range, duplicate member names and strings
/// that are not valid Unicode (RFC 8785 §3.1 builds on I-JSON, which forbids both). Null members are kept: leaving
/// absent values out is the job of the serializer that builds an entry, not of canonicalisation.
/// </para>
/// </remarks>
public static class CanonicalJson
{
    /// <summary>2^53 − 1, the largest integer every JSON implementation represents exactly (RFC 7493 §2.2).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    private static readonly SearchValues<char> MustEscape = SearchValues.Create([
        .. Enumerable.Range(0, 0x20).Select(c => (char)c),
        '"',
        '\\',
    ]);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Canonicalises JSON text (UTF-8) into RFC 8785 UTF-8 bytes.</summary>
    public static Result<byte[]> Canonicalize(ReadOnlyMemory<byte> utf8Json) => WireFormat.ReadJson<byte[]>(utf8Json, Canonicalize);

    /// <summary>Canonicalises an already parsed JSON value, e.g. the <c>entry</c> of an entries page as served.</summary>
    public static Result<byte[]> Canonicalize(JsonElement element) => Canonicalize(element, omitMember: null);

    /// <summary>
    /// Canonicalises a JSON object without one of its top-level members: the signing input of an object that carries
    /// its own signature (a signed tree head without <c>signature</c>).
    /// </summary>
    internal static Result<byte[]> Canonicalize(JsonElement element, string? omitMember)
    {
        var text = new StringBuilder(256);
        try
        {
            var error =
                element.ValueKind == JsonValueKind.Object ? WriteObject(text, element, "$", omitMember) : WriteElement(text, element, "$");
            return error ?? Result<byte[]>.Ok(StrictUtf8.GetBytes(text.ToString()));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode lone surrogates and invalid UTF-8; I-JSON forbids them too.
            return new DomainError("json.unicode", "A string is not valid Unicode (lone surrogate or invalid UTF-8).");
        }
    }

    /// <summary>
    /// Serialises an object whose members the caller built from typed values: <see cref="string"/>,
    /// <see cref="long"/>, <see cref="bool"/>, a list of strings, or null. Members are sorted here,
    /// so the caller lists them in whatever order reads best.
    /// </summary>
    internal static byte[] SerializeObject(IEnumerable<KeyValuePair<string, object?>> members)
    {
        var sorted = members.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder(512);
        text.Append('{');
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(sorted[i - 1].Key, sorted[i].Key, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Member '{sorted[i].Key}' is listed twice.", nameof(members));
                }

                text.Append(',');
            }

            WriteString(text, sorted[i].Key);
            text.Append(':');
            WriteTypedValue(text, sorted[i].Value);
        }

        text.Append('}');
        return StrictUtf8.GetBytes(text.ToString());
    }

    private static void WriteTypedValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                WriteString(text, s);
                break;
            case long number:
                if (Math.Abs(number) > MaxSafeInteger)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), number, "Integers in the exchange stay within ±(2^53 − 1).");
                }

                text.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case IEnumerable<string> items:
                text.Append('[');
                var first = true;
                foreach (var item in items)
                {
                    text.Append(first ? "" : ",");
                    WriteString(text, item);
                    first = false;
                }

                text.Append(']');
                break;
            default:
                throw new ArgumentException($"A {value.GetType().Name} has no canonical JSON form here.", nameof(value));
        }
    }

    private static DomainError? WriteElement(StringBuilder text, JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return WriteObject(text, element, path, omitMember: null);
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(index > 0 ? "," : "");
                    if (WriteElement(text, item, $"{path}[{index}]") is { } error)
                    {
                        return error;
                    }

                    index++;
                }

                text.Append(']');
                return null;
            case JsonValueKind.String:
                WriteString(text, element.GetString()!);
                return null;
            case JsonValueKind.Number:
                return WriteNumber(text, element, path);
            case JsonValueKind.True:
                text.Append("true");
                return null;
            case JsonValueKind.False:
                text.Append("false");
                return null;
            case JsonValueKind.Null:
                text.Append("null");
                return null;
            default:
                return new DomainError("json.syntax", $"{path}: no JSON value.", path);
        }
    }

    private static DomainError? WriteObject(StringBuilder text, JsonElement element, string path, string? omitMember)
    {
        var members = element.EnumerateObject().Where(m => !string.Equals(m.Name, omitMember, StringComparison.Ordinal)).ToList();
        // Ordinal comparison of .NET strings is comparison of UTF-16 code units, which is what RFC 8785 §3.2.3 sorts by.
        members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        text.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            var name = members[i].Name;
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, name, StringComparison.Ordinal))
                {
                    return new DomainError("json.duplicate", $"{path}: member '{name}' appears twice (I-JSON forbids it).", path);
                }

                text.Append(',');
            }

            WriteString(text, name);
            text.Append(':');
            if (WriteElement(text, members[i].Value, $"{path}.{name}") is { } error)
            {
                return error;
            }
        }

        text.Append('}');
        return null;
    }

    private static DomainError? WriteNumber(StringBuilder text, JsonElement element, string path)
    {
        long value;
        if (element.TryGetInt64(out var integer))
        {
            value = integer;
        }
        else if (element.TryGetDecimal(out var number) && number == decimal.Truncate(number) && Math.Abs(number) <= MaxSafeInteger)
        {
            value = (long)number;
        }
        else
        {
            return new DomainError(
                "json.number",
                $"{path}: {element.GetRawText()} is not an integer; the exchange carries no floating-point numbers.",
                path
            );
        }

        if (Math.Abs(value) > MaxSafeInteger)
        {
            return new DomainError("json.number", $"{path}: {element.GetRawText()} is outside ±(2^53 − 1) (RFC 7493 §2.2).", path);
        }

        text.Append(value.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>RFC 8785 §3.2.2.2: the ECMAScript JSON.stringify escaping, nothing more.</summary>
    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        var rest = value.AsSpan();
        // Most of an entry needs no escaping, so runs between escapes are copied whole.
        for (var next = rest.IndexOfAny(MustEscape); next >= 0; next = rest.IndexOfAny(MustEscape))
        {
            text.Append(rest[..next]);
            text.Append(
                rest[next] switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    var c => $"\\u{(int)c:x4}",
                }
            );
            rest = rest[(next + 1)..];
        }

        text.Append(rest).Append('"');
    }
}
