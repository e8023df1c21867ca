using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Clearance;

public enum DeclarationType
{
    Import,
    Export,
}

public enum TransportMode
{
    Sea,
    Air,
    Land,
    Post,
    Express,
}

/// <summary>The part a party plays in one declaration (a declaration names each role at most once).</summary>
public enum PartyRole
{
    Importer,
    Exporter,
    Consignor,
    CustomsBroker,
    Carrier,
    FreightForwarder,
    Warehouse,

    /// <summary>The e-commerce platform the goods were sold through (ADR 0043): a party for the e-commerce benefits, not for
    /// credits.</summary>
    EcommercePlatform,
}

/// <summary>
/// The outcome of selectivity, declared from the least to the most intervention so lanes compare: Green is free
/// from paper and cargo examination, Blue is released now and audited after clearance, Yellow is a paper review
/// and Red a cargo examination.
/// </summary>
public enum Lane
{
    Green,
    Blue,
    Yellow,
    Red,
}

public sealed record DeclarationParty(PartyRole Role, Tin Tin);

/// <param name="HsCode">Digits only (6 to 10), dots and spaces removed.</param>
public sealed record DeclarationItem(int Line, string HsCode, decimal CustomsValue, string? Description = null)
{
    /// <summary>What the API, the pages and the file import say when an item (numbered from 1) states no customs value.</summary>
    public static DomainError MissingValue(int line) => new("declaration.value", $"Item {line} has no customs value.", "items");
}

/// <summary>What a declarant states: who, what, how, where. Lodgement time and lane are not part of it.</summary>
/// <param name="Reference">The declarant's or the source system's declaration number; unique.</param>
/// <param name="Office">The customs office code where the declaration is lodged.</param>
/// <param name="OfficeTimeZone">The office's IANA time zone: periods, rule dates and MRA dates are read in it.</param>
public sealed record DeclarationDetails(
    string Reference,
    DeclarationType Type,
    TransportMode Mode,
    string OriginEconomy,
    string DestinationEconomy,
    string Office,
    string OfficeTimeZone,
    IReadOnlyList<DeclarationParty> Parties,
    IReadOnlyList<DeclarationItem> Items,
    decimal CustomsValue,
    bool LowValueEcommerce
)
{
    /// <summary>
    /// Why this declaration may not be lodged by the caller: a trader lodges only as the importer, exporter or customs broker
    /// named in it; customs officers lodge for anyone (their permission is checked before).
    /// </summary>
    public DomainError? RefusesLodgementBy(Role role, string? operatorTin) =>
        role == Role.Trader
        && !Parties.Any(p => p.Tin.Value == operatorTin && p.Role is PartyRole.Importer or PartyRole.Exporter or PartyRole.CustomsBroker)
            ? new DomainError("forbidden", "A trader lodges declarations only as the importer, exporter or customs broker named in them.")
            : null;

    /// <summary>The party the declaration is made for: the importer of an import, the exporter of an export.</summary>
    public DeclarationParty? Principal => Party(Type == DeclarationType.Import ? PartyRole.Importer : PartyRole.Exporter);

    /// <summary>The foreign party who ships the goods to us: the consignor, else the exporter, of an import.</summary>
    public DeclarationParty? ForeignConsignor =>
        Type == DeclarationType.Import ? Party(PartyRole.Consignor) ?? Party(PartyRole.Exporter) : null;

    public DeclarationParty? Party(PartyRole role)
    {
        foreach (var p in Parties)
        {
            if (p.Role == role)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks a declaration as stated (the app has already turned text into types): references, economies known to
    /// the registry, a real IANA zone, each role at most once, the principal party present, items with HS codes.
    /// </summary>
    public static Result<DeclarationDetails> Validate(DeclarationDetails d, IReadOnlySet<string> knownEconomies)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(d.Reference) || Limits.Reference.Problem(d.Reference, "The reference") is not null)
        {
            errors.Add(
                new(
                    "declaration.reference",
                    Limits.Reference.Problem(d.Reference, "The reference") ?? "A declaration must have a reference.",
                    "reference"
                )
            );
        }

        CheckEconomy(d.OriginEconomy, "originEconomy", knownEconomies, errors);
        CheckEconomy(d.DestinationEconomy, "destinationEconomy", knownEconomies, errors);
        if (string.IsNullOrWhiteSpace(d.Office) || Limits.OfficeCode.Problem(d.Office, "The office") is not null)
        {
            errors.Add(new("declaration.office", $"The office must be a code of 1 to {Limits.OfficeCode.MaxLength} characters.", "office"));
        }

        if (TimeZones.Find(d.OfficeTimeZone) is null)
        {
            errors.Add(
                new("declaration.time-zone", $"'{d.OfficeTimeZone}' is not an IANA time zone (e.g. Asia/Taipei).", "officeTimeZone")
            );
        }

        foreach (var group in d.Parties.GroupBy(p => p.Role).Where(g => g.Count() > 1))
        {
            errors.Add(
                new(
                    "declaration.party-twice",
                    $"The {group.Key} is named {group.Count()} times; a declaration names each role once.",
                    "parties"
                )
            );
        }

        if (d.Principal is null)
        {
            var role = d.Type == DeclarationType.Import ? "an importer" : "an exporter";
            errors.Add(new("declaration.principal", $"An {d.Type.ToString().ToLowerInvariant()} declaration names {role}.", "parties"));
        }

        if (d.Items.Count == 0 || d.Items.Count > Limits.DeclarationItems.MaxItems)
        {
            errors.Add(new("declaration.items", $"A declaration has 1 to {Limits.DeclarationItems.MaxItems} items.", "items"));
        }

        foreach (var item in d.Items)
        {
            if (!HsCode.IsValid(item.HsCode))
            {
                errors.Add(new("declaration.hs-code", $"Item {item.Line}: '{item.HsCode}' is not an HS code (6 to 10 digits).", "items"));
            }

            if (Limits.Money.Problem(item.CustomsValue, $"Item {item.Line}: the customs value") is { } value)
            {
                errors.Add(new("declaration.value", value, "items"));
            }

            if (Limits.Description.Problem(item.Description, $"Item {item.Line}: the description") is { } description)
            {
                errors.Add(new("declaration.description", description, "items"));
            }
        }

        if (Limits.Money.Problem(d.CustomsValue, "The customs value") is { } total)
        {
            errors.Add(new("declaration.value", total, "customsValue"));
        }

        return errors.Count == 0 ? Result<DeclarationDetails>.Ok(d) : Result<DeclarationDetails>.Fail(errors);
    }

    private static void CheckEconomy(string code, string field, IReadOnlySet<string> known, List<DomainError> errors)
    {
        if (!known.Contains(code))
        {
            errors.Add(new("declaration.economy", $"'{code}' is not an economy in the registry.", field));
        }
    }
}

/// <summary>Harmonized System codes as digits, and ranges of them as rules and agencies write them.</summary>
public static class HsCode
{
    /// <summary>"8471.30.00" and "8471 30 00" become "84713000"; anything but digits, dots and spaces is kept so validation rejects
    /// it.</summary>
    public static string Normalise(string? text) => string.Concat((text ?? "").Where(c => c is not ('.' or ' ')));

    public static bool IsValid(string code) => code.Length is >= 6 and <= 10 && code.All(char.IsAsciiDigit);
}

/// <summary>
/// HS codes from <see cref="From"/> to <see cref="To"/> compared on their leading digits, so "8471" is the heading
/// and "8471-8473" three headings; a code matches when its prefix of the bound's length lies between the bounds.
/// </summary>
public sealed record HsRange(string From, string To)
{
    public bool Contains(string code)
    {
        var low = code.Length >= From.Length ? code.AsSpan(0, From.Length) : code.AsSpan();
        var high = code.Length >= To.Length ? code.AsSpan(0, To.Length) : code.AsSpan();
        return low.CompareTo(From, StringComparison.Ordinal) >= 0 && high.CompareTo(To, StringComparison.Ordinal) <= 0;
    }

    public override string ToString() => From == To ? From : $"{From}-{To}";

    /// <summary>Reads "8471", "84.71" or "8471-8473" (2 to 10 digits each side).</summary>
    public static Result<HsRange> Parse(string? text)
    {
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        var from = HsCode.Normalise(parts[0]);
        var to = parts.Length == 2 ? HsCode.Normalise(parts[1]) : from;
        bool Ok(string s) => s.Length is >= 2 and <= 10 && s.All(char.IsAsciiDigit);
        if (parts.Length > 2 || !Ok(from) || !Ok(to) || string.CompareOrdinal(from, to) > 0)
        {
            return new DomainError(
                "hs-range.format",
                $"'{text}' is not an HS code range: write 2 to 10 digits (\"8471\") or two of them (\"8471-8473\"), low to high.",
                "hsCodes"
            );
        }

        return Result<HsRange>.Ok(new HsRange(from, to));
    }
}
