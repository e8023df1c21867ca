namespace OpenAeo.Domain.Registry;

/// <summary>
/// Trader Identification Number: the ISO 3166-1 alpha-2 code of the issuing economy followed by 1–15 letters or
/// digits of the national identifier (the shape of an EU EORI).
/// </summary>
/// <remarks>
/// Stored upper case without spaces or separators. Input with spaces, hyphens, dots and slashes is accepted and
/// normalised (<c>" tw-1234 5678 "</c> becomes <c>TW12345678</c>). A valid format is not proof that the number was
/// ever issued: registration is checked against the operator registry, never inferred from the shape.
/// </remarks>
public readonly record struct Tin
{
    public const int MaxNationalLength = 15;

    private Tin(string value) => Value = value;

    public string Value { get; }

    /// <summary>The economy that issued the number (the first two letters).</summary>
    public string Economy => Value[..2];

    public override string ToString() => Value;

    public static Result<Tin> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return new DomainError("tin.empty", "A TIN is required.", "tin");
        }

        // Separators may pad a TIN, but nothing legitimate is longer than this; checked before the buffer is sized.
        const int MaxInputLength = 64;
        if (input.Length > MaxInputLength)
        {
            return new DomainError(
                "tin.length",
                $"A TIN is a two-letter economy code followed by 1 to {MaxNationalLength} letters or digits; the "
                    + $"input has {input.Length} characters.",
                "tin"
            );
        }

        Span<char> buffer = stackalloc char[input.Length];
        var length = 0;
        foreach (var c in input)
        {
            if (c is ' ' or '-' or '.' or '/' or '\t')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return new DomainError("tin.character", $"A TIN may contain only letters and digits; '{c}' is not allowed.", "tin");
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        var normalised = new string(buffer[..length]);
        if (normalised.Length < 3)
        {
            return new DomainError("tin.length", "A TIN is a two-letter economy code followed by 1 to 15 letters or digits.", "tin");
        }

        if (!char.IsAsciiLetter(normalised[0]) || !char.IsAsciiLetter(normalised[1]))
        {
            return new DomainError(
                "tin.prefix",
                $"A TIN starts with the issuing economy's two-letter ISO code; '{normalised[..2]}' is not one.",
                "tin"
            );
        }

        if (normalised.Length - 2 > MaxNationalLength)
        {
            return new DomainError(
                "tin.length",
                $"The national part of a TIN has at most {MaxNationalLength} letters or digits; '{normalised}' has "
                    + $"{normalised.Length - 2}.",
                "tin"
            );
        }

        return Result<Tin>.Ok(new Tin(normalised));
    }

    /// <summary>For values read back from storage, which were validated when they were written.</summary>
    public static Tin FromTrusted(string value) => new(value);
}
