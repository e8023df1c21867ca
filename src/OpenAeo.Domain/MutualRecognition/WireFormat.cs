using System.Globalization;
using System.Text.Json;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>
/// How values are written on the exchange wire (status-exchange.md, "Wire format"): times ISO 8601 UTC with
/// <c>Z</c>, dates <c>yyyy-MM-dd</c>, binary values in standard base64 with padding.
/// </summary>
public static class WireFormat
{
    /// <summary>
    /// Times are written with exactly three fractional digits, as JavaScript's <c>Date.toISOString()</c> writes them,
    /// so that a partner in any language produces the same text (and so the same hash) for the same instant.
    /// Millisecond precision is ample for status events and keeps events within one second in order.
    /// </summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public const string DateFormat = "yyyy-MM-dd";

    // Reading is lenient about the number of fractional digits (0 to 7) but never about the zone: only Z.
    private const string TimeInputFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public static string FormatTime(DateTimeOffset value) =>
        ToWirePrecision(value).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The instant as the wire carries it: UTC, truncated to whole milliseconds.</summary>
    public static DateTimeOffset ToWirePrecision(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static bool TryParseTime(string? text, out DateTimeOffset value)
    {
        var ok = DateTimeOffset.TryParseExact(
            text,
            TimeInputFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value
        );
        value = ok ? ToWirePrecision(value) : default;
        return ok;
    }

    public static bool TryParseDate(string? text, out DateOnly value) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>
    /// Parses strict JSON text (no comments, no trailing commas) and reads it with <paramref name="read"/>, while the
    /// parsed document is alive; text that is not JSON is one error.
    /// </summary>
    internal static Result<T> ReadJson<T>(ReadOnlyMemory<byte> utf8Json, Func<JsonElement, Result<T>> read)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            return read(document.RootElement);
        }
        catch (JsonException e)
        {
            return new DomainError("json.syntax", $"Not valid JSON: {e.Message}");
        }
    }

    public static string ToBase64(ReadOnlySpan<byte> value) => Convert.ToBase64String(value);

    /// <summary>
    /// Standard base64 with padding and nothing else: no whitespace, no URL alphabet, no missing padding, so each
    /// value has exactly one spelling.
    /// </summary>
    public static bool TryParseBase64(string? text, out byte[] value)
    {
        value = [];
        if (string.IsNullOrEmpty(text) || text.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        var decoded = buffer[..written];
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        value = decoded;
        return true;
    }
}

/// <summary>Reads the members of one JSON object into typed values, collecting every problem as a domain error.</summary>
/// <remarks>An explicit <c>null</c> counts as absent: the wire omits absent values, but a lenient partner may write null.</remarks>
internal sealed class JsonObjectReader
{
    private readonly JsonElement element;

    public JsonObjectReader(JsonElement element, string what)
    {
        this.element = element;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(new DomainError("json.object", $"A {what} is a JSON object."));
        }
    }

    public List<DomainError> Errors { get; } = [];

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Invalid<string>(name, "is a string");
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return Invalid<string>(name, "is valid Unicode");
        }
    }

    public string RequiredString(string name)
    {
        if (!IsPresent(name))
        {
            return "";
        }

        var text = OptionalString(name);
        return text is "" ? Invalid<string>(name, "is not empty") ?? "" : text ?? "";
    }

    public long RequiredInteger(string name, long minimum = 0)
    {
        if (!IsPresent(name))
        {
            return 0;
        }

        TryGet(name, out var value);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= minimum
            ? number
            : Invalid<long>(name, $"is an integer of at least {minimum}");
    }

    public DateTimeOffset RequiredTime(string name)
    {
        if (!IsPresent(name) || OptionalString(name) is not { } text)
        {
            return default;
        }

        return WireFormat.TryParseTime(text, out var time) ? time : Invalid<DateTimeOffset>(name, "is an ISO 8601 UTC time ending in Z");
    }

    public DateOnly? OptionalDate(string name)
    {
        if (OptionalString(name) is not { } text)
        {
            return null;
        }

        return WireFormat.TryParseDate(text, out var date) ? date : Invalid<DateOnly?>(name, "is a date yyyy-MM-dd");
    }

    public byte[] RequiredBase64(string name, int? length = null)
    {
        if (!IsPresent(name) || OptionalString(name) is not { } text)
        {
            return [];
        }

        return WireFormat.TryParseBase64(text, out var bytes) && (length is null || bytes.Length == length)
            ? bytes
            : Invalid<byte[]>(
                name,
                length is null ? "is standard base64 with padding" : $"is {length} bytes in standard base64 with padding"
            ) ?? [];
    }

    public IReadOnlyList<string> OptionalStringArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return Invalid<IReadOnlyList<string>>(name, "is an array of strings") ?? [];
        }

        return [.. value.EnumerateArray().Select(item => item.GetString()!)];
    }

    public void Add(string code, string message, string field) => Errors.Add(new DomainError(code, message, field));

    /// <summary>True when the member is there; otherwise records that it is required.</summary>
    private bool IsPresent(string name)
    {
        if (TryGet(name, out _))
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            Errors.Add(new DomainError("json.missing", $"'{name}' is required.", name));
        }

        return false;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(name, out value)
            && value.ValueKind != JsonValueKind.Null;
    }

    private T? Invalid<T>(string name, string expectation)
    {
        Errors.Add(new DomainError("json.invalid", $"'{name}' {expectation}.", name));
        return default;
    }
}
