namespace OpenAeo.Domain.Registry;

public enum EconomyKind
{
    /// <summary>A customs territory with its own ISO 3166-1 alpha-2 code.</summary>
    Economy,

    /// <summary>A group of economies that acts together, e.g. for a plurilateral MRA (Pacific Alliance, Mercosur).</summary>
    Bloc,
}

/// <summary>
/// An APEC member ("economy" is APEC's word, so Chinese Taipei and Hong Kong, China are economies), another
/// customs territory, or a bloc of them.
/// </summary>
public sealed class Economy
{
    private Economy(string code, string name, EconomyKind kind, bool apecMember, IReadOnlyList<string> members, string? source)
    {
        Code = code;
        Name = name;
        Kind = kind;
        ApecMember = apecMember;
        Members = [.. members];
        Source = source;
    }

    private Economy() { }

    /// <summary>ISO 3166-1 alpha-2 for economies; 3–20 capital letters for blocs (e.g. <c>PACIFICALLIANCE</c>).</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public EconomyKind Kind { get; private set; }

    public bool ApecMember { get; private set; }

    /// <summary>For a bloc, the codes of its member economies; empty for an economy.</summary>
    public List<string> Members { get; private set; } = [];

    /// <summary>Where a shipped row comes from; null for rows users added.</summary>
    public string? Source { get; private set; }

    public static Result<Economy> Create(
        string code,
        string name,
        EconomyKind kind,
        bool apecMember = false,
        IReadOnlyList<string>? members = null,
        string? source = null
    )
    {
        var errors = new List<DomainError>();
        code = (code ?? "").Trim().ToUpperInvariant();
        name = (name ?? "").Trim();
        members ??= [];
        if (kind == EconomyKind.Economy && !IsEconomyCode(code))
        {
            errors.Add(new("economy.code", "An economy's code is its two-letter ISO 3166-1 alpha-2 code.", "code"));
        }

        if (kind == EconomyKind.Bloc && (code.Length is < 3 or > 20 || !code.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(
                new("economy.code", "A bloc's code is 3 to 20 capital letters (two-letter codes are reserved for economies).", "code")
            );
        }

        if (name.Length is 0 or > 200)
        {
            errors.Add(new("economy.name", "A name of 1 to 200 characters is required.", "name"));
        }

        if (kind == EconomyKind.Economy && members.Count > 0)
        {
            errors.Add(new("economy.members", "Only a bloc has members.", "members"));
        }

        var normalisedMembers = members.Select(m => m.Trim().ToUpperInvariant()).Distinct().ToList();
        if (kind == EconomyKind.Bloc && normalisedMembers.Count < 2)
        {
            errors.Add(new("economy.members", "A bloc has at least two different member economies.", "members"));
        }

        if (normalisedMembers.Any(m => !IsEconomyCode(m)))
        {
            errors.Add(new("economy.members", "Bloc members are named by their two-letter economy codes.", "members"));
        }

        return errors.Count > 0
            ? Result<Economy>.Fail(errors)
            : Result<Economy>.Ok(new Economy(code, name, kind, apecMember, normalisedMembers, source));
    }

    public void Rename(string name) => Name = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200 ? Name : name.Trim();

    public static bool IsEconomyCode(string code) =>
        code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
