namespace OpenAeo.Domain.Registry;

/// <summary>The APEC report's families of AEO benefits (section III), the words traders recognise.</summary>
public enum BenefitFamily
{
    /// <summary>Fewer physical and documentary controls, a lower risk score.</summary>
    FewerControls,

    /// <summary>Priority treatment when a control is needed (front of the queue, choice of place).</summary>
    Priority,

    /// <summary>Simplified procedures: periodic declarations, self-assessment, deferred payment.</summary>
    SimplifiedProcedures,

    /// <summary>An account manager, a single point of contact at customs.</summary>
    AccountManager,

    /// <summary>Trade resumes first after a disruption (a port closure, a pandemic, an alert).</summary>
    BusinessContinuity,

    /// <summary>The status recognised at a partner's border under an MRA.</summary>
    MutualRecognition,

    /// <summary>Lower or waived guarantees, fees and charges.</summary>
    ReducedGuaranteesFees,

    /// <summary>Training, seminars and help to prepare.</summary>
    Training,

    /// <summary>Anything else an agency or the programme offers.</summary>
    OtherSupport,
}

/// <summary>Who gives the benefit: customs, another government agency, a partner under an MRA, or customs to SMEs only.</summary>
public enum BenefitKind
{
    Customs,
    Oga,
    Mra,
    Sme,
}

/// <summary>Where a benefit is felt.</summary>
[Flags]
public enum BenefitPlaces
{
    None = 0,
    Import = 1,
    Export = 2,
    Transit = 4,

    /// <summary>At a partner economy's border, under an MRA.</summary>
    PartnerBorder = 8,

    /// <summary>While applying for or holding the certificate (the application's clock, fees, training).</summary>
    Application = 16,
}

/// <summary>
/// How the trader gets the benefit. Every value but <see cref="Procedure"/> is something OpenAeo does by itself, without
/// the trader asking: the catalogue says so, and names the mechanism, so a promise on the page is one the system keeps.
/// </summary>
public enum BenefitDelivery
{
    /// <summary>The trader asks for it, or customs grants it by a procedure outside OpenAeo.</summary>
    Procedure,

    /// <summary>Clearance selectivity lowers the AEO's risk score by the risk rules' AEO credit (a greener lane).</summary>
    LaneCredit,

    /// <summary>The SME track's shorter SLA clock in business days, counted by Certification.</summary>
    ExpeditedClock,

    /// <summary>Selectivity multiplies an agency's inspection rate by its AEO inspection factor.</summary>
    AgencyCredit,

    /// <summary>The status is published in the signed status log; a partner's customs recognises it by TIN.</summary>
    PartnerRecognition,

    /// <summary>Selectivity gives an AEO platform's qualifying merchants the consolidated low-value lane (ADR 0043).</summary>
    EcommerceLane,
}

/// <summary>A benefit's words in one language (<c>en</c>, <c>es</c>…).</summary>
public sealed record BenefitText(
    [Limit(nameof(Limits.Keyword))] string Language,
    [Limit(nameof(Limits.Label))] string Title,
    [Limit(nameof(Limits.Note))] string Description
);

/// <summary>What a programme officer writes about a customs or SME benefit.</summary>
/// <param name="Roles">Operator roles it is for; None means every role.</param>
/// <param name="Tiers">Tiers it is for; empty means every tier.</param>
public sealed record BenefitDefinition(
    BenefitKind Kind,
    BenefitFamily Family,
    OperatorRoles Roles,
    IReadOnlyList<string> Tiers,
    BenefitPlaces Places,
    BenefitDelivery Delivery,
    IReadOnlyList<BenefitText> Texts
);

/// <summary>What a benefit is checked against: the programme's tiers, the roles it certifies, its tracks and the languages the app
/// speaks.</summary>
/// <param name="Languages">Language codes with resources; the first is the one every benefit must have.</param>
public sealed record BenefitRules(
    IReadOnlyList<string> ProgrammeTiers,
    OperatorRoles EligibleRoles,
    Tracks Tracks,
    IReadOnlyList<string> Languages
)
{
    public static BenefitRules For(Programme programme, IReadOnlyList<string> languages) =>
        new(programme.Tiers, programme.EligibleRoles, programme.Tracks, languages);
}

/// <summary>
/// A customs or SME benefit of one programme, as its officers write it. OGA and MRA benefits are not stored here: they
/// are read from the agencies registry and from each MRA in force (<see cref="BenefitCatalogue"/>), so they are never
/// typed twice and never disagree with what clearance and recognition actually do.
/// </summary>
public sealed class ProgrammeBenefit
{
    private ProgrammeBenefit() { }

    public int Id { get; private set; }

    public string ProgrammeCode { get; private set; } = "";

    public BenefitKind Kind { get; private set; }

    public BenefitFamily Family { get; private set; }

    public OperatorRoles Roles { get; private set; }

    public List<string> Tiers { get; private set; } = [];

    public BenefitPlaces Places { get; private set; }

    public BenefitDelivery Delivery { get; private set; }

    public List<BenefitText> Texts { get; private set; } = [];

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Result<ProgrammeBenefit> Create(
        string programmeCode,
        BenefitDefinition definition,
        BenefitRules rules,
        DateTimeOffset now
    )
    {
        var benefit = new ProgrammeBenefit { ProgrammeCode = programmeCode };
        var errors = benefit.Apply(definition, rules, now);
        return errors.Count > 0 ? Result<ProgrammeBenefit>.Fail(errors) : Result<ProgrammeBenefit>.Ok(benefit);
    }

    /// <summary>Replaces everything an officer edits; nothing changes when the definition is refused.</summary>
    public IReadOnlyList<DomainError> Update(BenefitDefinition definition, BenefitRules rules, DateTimeOffset now) =>
        Apply(definition, rules, now);

    public BenefitDefinition Definition => new(Kind, Family, Roles, Tiers, Places, Delivery, Texts);

    private List<DomainError> Apply(BenefitDefinition d, BenefitRules rules, DateTimeOffset now)
    {
        var errors = BenefitValidation.Check(d, rules);
        if (errors.Count > 0)
        {
            return errors;
        }

        Kind = d.Kind;
        Family = d.Family;
        Roles = d.Roles;
        Tiers = [.. BenefitValidation.CanonicalTiers(d.Tiers, rules.ProgrammeTiers)];
        Places = d.Places;
        Delivery = d.Delivery;
        Texts = [.. d.Texts.Select(t => new BenefitText(t.Language.Trim().ToLowerInvariant(), t.Title.Trim(), t.Description.Trim()))];
        UpdatedAt = now;
        return errors;
    }
}

public static class BenefitValidation
{
    public static List<DomainError> Check(BenefitDefinition d, BenefitRules rules)
    {
        var errors = new List<DomainError>();
        if (d.Kind is BenefitKind.Oga or BenefitKind.Mra)
        {
            errors.Add(
                new(
                    "benefit.kind",
                    d.Kind == BenefitKind.Oga
                        ? "Agency benefits are read from the agencies registry; change them there."
                        : "MRA benefits are read from each MRA in force; change them in the MRA registry.",
                    "kind"
                )
            );
        }

        if (d.Family == BenefitFamily.MutualRecognition)
        {
            errors.Add(
                new(
                    "benefit.family",
                    "Recognition abroad comes from the MRAs in force; the catalogue shows each one's benefits already.",
                    "family"
                )
            );
        }

        if (d.Places == BenefitPlaces.None)
        {
            errors.Add(new("benefit.places", "Say where the benefit applies: import, export, transit or the application.", "places"));
        }
        else if (d.Places.HasFlag(BenefitPlaces.PartnerBorder))
        {
            errors.Add(
                new("benefit.places", "Benefits at a partner's border come from the MRAs in force, not from the programme.", "places")
            );
        }

        switch (d.Delivery)
        {
            case BenefitDelivery.AgencyCredit or BenefitDelivery.PartnerRecognition:
                errors.Add(
                    new(
                        "benefit.delivery",
                        $"{d.Delivery} is how agency and MRA benefits are delivered; a programme's benefit is a "
                            + "Procedure, a LaneCredit or an ExpeditedClock.",
                        "delivery"
                    )
                );
                break;
            case BenefitDelivery.LaneCredit when !d.Places.HasFlag(BenefitPlaces.Import):
                errors.Add(
                    new("benefit.delivery", "A lane credit is given by import selectivity: the benefit must apply at import.", "delivery")
                );
                break;
            case BenefitDelivery.ExpeditedClock
                when d.Kind != BenefitKind.Sme || !rules.Tracks.HasFlag(Tracks.Sme) || !d.Places.HasFlag(BenefitPlaces.Application):
                errors.Add(
                    new(
                        "benefit.delivery",
                        "The expedited clock is the SME track's: an SME benefit, applying to the application, of a "
                            + "programme with an SME track.",
                        "delivery"
                    )
                );
                break;
        }

        if (rules.EligibleRoles != OperatorRoles.None && (d.Roles & ~rules.EligibleRoles) is var outside and not OperatorRoles.None)
        {
            errors.Add(new("benefit.roles", $"The programme does not certify {OperatorRoleNames.Format(outside, ", ")}.", "roles"));
        }

        foreach (var tier in d.Tiers)
        {
            if (!rules.ProgrammeTiers.Contains(tier.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(
                    new(
                        "benefit.tiers",
                        rules.ProgrammeTiers.Count == 0
                            ? "The programme has no tiers; leave tiers empty."
                            : $"'{tier}' is not a tier of the programme ({string.Join(", ", rules.ProgrammeTiers)}).",
                        "tiers"
                    )
                );
            }
        }

        errors.AddRange(CheckTexts(d.Texts, rules.Languages));
        return errors;
    }

    private static IEnumerable<DomainError> CheckTexts(IReadOnlyList<BenefitText> texts, IReadOnlyList<string> languages)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < texts.Count; i++)
        {
            var t = texts[i];
            var language = t.Language.Trim();
            if (!languages.Contains(language, StringComparer.OrdinalIgnoreCase))
            {
                yield return new(
                    "benefit.language",
                    $"'{t.Language}' is not a language OpenAeo speaks ({string.Join(", ", languages)}).",
                    $"texts[{i}].language"
                );
            }
            else if (!seen.Add(language))
            {
                yield return new("benefit.language", $"The words in '{language}' are given twice.", $"texts[{i}].language");
            }

            if (string.IsNullOrWhiteSpace(t.Title))
            {
                yield return new("benefit.title", "A benefit needs a title.", $"texts[{i}].title");
            }

            if (string.IsNullOrWhiteSpace(t.Description))
            {
                yield return new(
                    "benefit.description",
                    "A benefit needs a description: what the trader gets, and when.",
                    $"texts[{i}].description"
                );
            }
        }

        if (languages.Count > 0 && !seen.Contains(languages[0]))
        {
            yield return new(
                "benefit.language",
                $"Every benefit has its words in '{languages[0]}', the language every visitor can fall back to.",
                "texts"
            );
        }
    }

    /// <summary>The tiers as the programme spells them, in the programme's rank order, once each.</summary>
    public static IEnumerable<string> CanonicalTiers(IEnumerable<string> tiers, IReadOnlyList<string> programmeTiers)
    {
        var wanted = tiers.Select(t => t.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return programmeTiers.Where(wanted.Contains);
    }
}

/// <summary>One line of a programme's benefits catalogue, whatever its source.</summary>
/// <param name="Key">Stable within the catalogue: <c>benefit:12</c>, <c>agency:FDA:0</c>, <c>mra:3:1</c>.</param>
/// <param name="Source">For OGA and MRA benefits, who grants it (the agency's or the MRA's name); null for the programme's own.</param>
/// <param name="Partners">For MRA benefits, the partner economies where it applies.</param>
/// <param name="Id">For the programme's own benefits, the stored benefit's id.</param>
public sealed record CatalogueEntry(
    string Key,
    BenefitKind Kind,
    BenefitFamily Family,
    OperatorRoles Roles,
    IReadOnlyList<string> Tiers,
    BenefitPlaces Places,
    BenefitDelivery Delivery,
    IReadOnlyList<BenefitText> Texts,
    string? Source = null,
    IReadOnlyList<string>? Partners = null,
    int? Id = null
)
{
    public bool Automatic => Delivery != BenefitDelivery.Procedure;

    /// <summary>The words in <paramref name="language"/>, else in the fallback language, else the first there are.</summary>
    public BenefitText TextIn(string language, string fallback) =>
        Texts.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase))
        ?? Texts.FirstOrDefault(t => string.Equals(t.Language, fallback, StringComparison.OrdinalIgnoreCase))
        ?? Texts[0];

    /// <summary>
    /// Whether a trader with <paramref name="role"/> (None: any) and <paramref name="tier"/> (null: any) gets it: an
    /// entry for every role or tier applies to all, one tagged for some applies to those only.
    /// </summary>
    public bool AppliesTo(OperatorRoles role, string? tier) =>
        (role == OperatorRoles.None || Roles == OperatorRoles.None || (Roles & role) != 0)
        && (string.IsNullOrWhiteSpace(tier) || Tiers.Count == 0 || Tiers.Contains(tier.Trim(), StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// Issue 13, item 2: a programme's catalogue is its own customs and SME benefits, the benefits of every agency that
/// gives AEOs credit, and the benefits of every MRA in force that the programme's economy is party to.
/// </summary>
public static class BenefitCatalogue
{
    public static IReadOnlyList<CatalogueEntry> Compose(
        IEnumerable<ProgrammeBenefit> own,
        IEnumerable<CatalogueEntry> agencies,
        IEnumerable<CatalogueEntry> mras
    ) =>
        [
            .. own.Select(FromOwn)
                .Concat(agencies)
                .Concat(mras)
                .OrderBy(e => KindOrder(e.Kind))
                .ThenBy(e => e.Family)
                .ThenBy(e => e.Key, StringComparer.Ordinal),
        ];

    public static IReadOnlyList<CatalogueEntry> Filter(IEnumerable<CatalogueEntry> entries, OperatorRoles role, string? tier) =>
        [.. entries.Where(e => e.AppliesTo(role, tier))];

    /// <summary>
    /// What a front page shows first: one benefit of each family that is delivered automatically, then the others, so
    /// the few lines a visitor reads cover different things and promises OpenAeo keeps itself.
    /// </summary>
    public static IReadOnlyList<CatalogueEntry> Highlights(IReadOnlyList<CatalogueEntry> entries, int count) =>
        [
            .. entries
                .GroupBy(e => e.Family)
                .Select(g => g.OrderByDescending(e => e.Automatic).First())
                .OrderByDescending(e => e.Automatic)
                .ThenBy(e => KindOrder(e.Kind))
                .ThenBy(e => e.Family)
                .Take(count),
        ];

    private static CatalogueEntry FromOwn(ProgrammeBenefit b) =>
        new($"benefit:{b.Id}", b.Kind, b.Family, b.Roles, b.Tiers, b.Places, b.Delivery, b.Texts, Id: b.Id);

    // SME benefits right after customs ones: the visitors this catalogue is for are mostly SMEs.
    private static int KindOrder(BenefitKind kind) =>
        kind switch
        {
            BenefitKind.Customs => 0,
            BenefitKind.Sme => 1,
            BenefitKind.Oga => 2,
            _ => 3,
        };
}
