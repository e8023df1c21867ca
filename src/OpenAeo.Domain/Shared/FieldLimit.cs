using System.Globalization;

namespace OpenAeo.Domain.Shared;

/// <summary>Which characters a text may hold besides letters, digits, punctuation and spaces.</summary>
public enum TextKind
{
    /// <summary>One line: no control characters at all.</summary>
    Line,

    /// <summary>Paragraphs: line breaks and tabs, no other control characters.</summary>
    Prose,
}

/// <summary>
/// What one field accepts: a text's length and characters, a number's or a date's range, a list's size. The
/// catalogue of every field's limit is <see cref="Limits"/>; a request record names its field's limit with
/// <see cref="LimitAttribute"/>.
/// </summary>
public abstract record FieldLimit
{
    /// <summary>The limit in words, to finish the sentence "{Label} is …".</summary>
    public abstract string Describe();

    /// <summary>What is wrong with a value, in one sentence that starts with the label; null when it is within the limit.</summary>
    public abstract string? Problem(object? value, string label);

    /// <summary>The value as a field error with its code (<c>limit.length</c>, <c>limit.characters</c>, <c>limit.range</c>, …), or
    /// null.</summary>
    public DomainError? Check(object? value, string field, string label) =>
        Problem(value, label) is { } message ? new DomainError(CodeFor(value), message, field) : null;

    protected abstract string CodeFor(object? value);

    protected static string Number(decimal value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);
}

/// <summary>A text: at most <paramref name="MaxLength"/> characters of the <paramref name="Kind"/> allowed.</summary>
/// <remarks>
/// No text anywhere may hold control characters (NUL among them: PostgreSQL refuses it, and a name with one prints
/// wrongly everywhere), Unicode direction overrides, embeddings or isolates (they make a name read differently from
/// what it is: "‮txt.exe"), unpaired surrogates or the noncharacters U+FFFE and U+FFFF.
/// </remarks>
public sealed record TextLimit(int MaxLength, TextKind Kind = TextKind.Line) : FieldLimit
{
    public override string Describe() => $"a text of at most {MaxLength:N0} characters{(Kind == TextKind.Line ? " on one line" : "")}";

    public override string? Problem(object? value, string label)
    {
        if (value is not string text)
        {
            return null;
        }

        if (text.Length > MaxLength)
        {
            return $"{label} has at most {MaxLength:N0} characters; this one has {text.Length:N0}.";
        }

        return Forbidden(text) is { } bad ? $"{label} may not contain {bad}." : null;
    }

    protected override string CodeFor(object? value) =>
        value is string { Length: var n } && n > MaxLength ? "limit.length" : "limit.characters";

    /// <summary>The first character the kind does not allow, described for a person; null when every one is allowed.</summary>
    public string? Forbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (Kind == TextKind.Prose && c is '\n' or '\r' or '\t')
            {
                continue;
            }

            var described = c switch
            {
                '\0' => "the NUL character (U+0000)",
                '\n' or '\r' => "a line break",
                _ when char.IsControl(c) => $"the control character U+{(int)c:X4}",
                >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' =>
                    $"the text direction control U+{(int)c:X4} (it makes text read differently from what it is)",
                _ when char.IsSurrogate(c) => "a broken character (an unpaired UTF-16 surrogate)",
                '\uFFFE' or '\uFFFF' => $"the noncharacter U+{(int)c:X4}",
                _ => null,
            };
            if (described is not null)
            {
                return described;
            }
        }

        return null;
    }
}

/// <summary>A number from <paramref name="Minimum"/> to <paramref name="Maximum"/>, whole or not.</summary>
public sealed record NumberLimit(decimal Minimum, decimal Maximum, bool Whole = true) : FieldLimit
{
    public override string Describe() => $"{(Whole ? "a whole number" : "a number")} from {Number(Minimum)} to {Number(Maximum)}";

    public override string? Problem(object? value, string label)
    {
        decimal? number = value switch
        {
            null => null,
            int i => i,
            long l => l,
            short s => s,
            decimal m => m,
            double d when double.IsNaN(d) || double.IsInfinity(d) => decimal.MaxValue,
            double d when Math.Abs(d) < 7.9e28 => (decimal)d,
            double d => d > 0 ? decimal.MaxValue : decimal.MinValue,
            float f => (decimal)(double)f,
            _ => null,
        };
        return number is { } n && (n < Minimum || n > Maximum || (Whole && n != decimal.Truncate(n))) ? $"{label} is {Describe()}." : null;
    }

    protected override string CodeFor(object? value) => "limit.range";

    /// <summary>True when the number is within the limit.</summary>
    public bool Allows(decimal value) => value >= Minimum && value <= Maximum && (!Whole || value == decimal.Truncate(value));
}

/// <summary>A calendar day, or an instant whose UTC day is, from <paramref name="Earliest"/> to <paramref name="Latest"/>.</summary>
public sealed record DateLimit(DateOnly Earliest, DateOnly Latest) : FieldLimit
{
    public override string Describe() => $"a date from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}";

    public override string? Problem(object? value, string label) =>
        value switch
        {
            DateOnly d when !Allows(d) => $"{label} is {Describe()}.",
            DateTimeOffset t when !Allows(DateOnly.FromDateTime(t.UtcDateTime)) => $"{label} is {Describe()}.",
            DateTime t when !Allows(DateOnly.FromDateTime(t)) => $"{label} is {Describe()}.",
            _ => null,
        };

    protected override string CodeFor(object? value) => "limit.range";

    public bool Allows(DateOnly day) => day >= Earliest && day <= Latest;
}

/// <summary>A list of at most <paramref name="MaxItems"/> entries, none of them empty (null), each within <paramref name="Each"/> when
/// given.</summary>
public sealed record ListLimit(int MaxItems, FieldLimit? Each = null) : FieldLimit
{
    public override string Describe() => $"a list of at most {MaxItems:N0} entries{(Each is null ? "" : $", each {Each.Describe()}")}";

    public override string? Problem(object? value, string label) =>
        value is System.Collections.ICollection { Count: var n } && n > MaxItems
            ? $"{label} has at most {MaxItems:N0} entries; this one has {n:N0}."
            : null;

    protected override string CodeFor(object? value) => "limit.items";
}

/// <summary>
/// Names the entry of <see cref="Limits"/> that limits this property or parameter, e.g.
/// <c>[Limit(nameof(Limits.LegalName))] string? LegalName</c>. The API refuses a request that breaks it with a field
/// error before the handler runs, and documents it in the OpenAPI document.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class LimitAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public FieldLimit Limit => Limits.Named(Name);
}
