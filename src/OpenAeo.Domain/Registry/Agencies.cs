namespace OpenAeo.Domain.Registry;

/// <summary>The report's three families of benefits other government agencies grant AEOs.</summary>
public enum AgencyBenefitFamily
{
    /// <summary>Recognition of AEO standards that removes duplicate checks and re-examinations (38% of the survey).</summary>
    RecognitionOfAeoStandards,

    /// <summary>Fewer physical inspections, priority or reduced fees for permits (34%).</summary>
    FewerInspectionsPriorityFees,

    /// <summary>Other policy support (29%).</summary>
    OtherSupport,
}

public sealed record AgencyBenefit(AgencyBenefitFamily Family, [Limit(nameof(Limits.Label))] string Description);

/// <summary>
/// An other government agency (food and drug, quarantine, licensing…) with the benefits it publishes for AEOs.
/// </summary>
/// <param name="AeoInspectionFactor">What an AEO's inspection rate is multiplied by when the agency grants fewer inspections (0.25 = a
/// quarter).</param>
public sealed record Agency(string Code, string Name, IReadOnlyList<AgencyBenefit> Benefits, double AeoInspectionFactor)
{
    public bool Grants(AgencyBenefitFamily family) => Benefits.Any(b => b.Family == family);

    public static Result<Agency> Create(string code, string name, IReadOnlyList<AgencyBenefit> benefits, double aeoInspectionFactor)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(new("agency.code", "An agency code is 1 to 20 letters, digits, hyphens or underscores.", "code"));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors.Add(new("agency.name", "An agency has a name of 1 to 200 characters.", "name"));
        }

        if (aeoInspectionFactor is < 0 or > 1 || double.IsNaN(aeoInspectionFactor))
        {
            errors.Add(new("agency.factor", "The AEO inspection factor must be between 0 and 1.", "aeoInspectionFactor"));
        }

        if (benefits.Any(b => string.IsNullOrWhiteSpace(b.Description)))
        {
            errors.Add(new("agency.benefit", "A benefit needs a description; one is blank.", "benefits"));
        }

        return errors.Count == 0
            ? Result<Agency>.Ok(new Agency(code.Trim().ToUpperInvariant(), name.Trim(), benefits, aeoInspectionFactor))
            : Result<Agency>.Fail(errors);
    }
}

/// <summary>
/// Who speaks for an agency: its own officers (the agency their account names) and administrators. An agency's
/// benefits and controlled goods change how every declaration is cleared, so no agency may edit another's, and only
/// an administrator brings a new agency in.
/// </summary>
public static class AgencyAuthority
{
    public static bool ActsFor(Role role, string? officerAgency, string agencyCode) =>
        role == Role.Admin
        || (
            role == Role.OgaOfficer
            && !string.IsNullOrWhiteSpace(officerAgency)
            && string.Equals(officerAgency.Trim(), agencyCode.Trim(), StringComparison.OrdinalIgnoreCase)
        );

    /// <summary>Why the actor may not decide or schedule an agency's case; null when it may.</summary>
    public static DomainError? CaseRefused(Role role, string? officerAgency, string agencyCode) =>
        ActsFor(role, officerAgency, agencyCode)
            ? null
            : new DomainError("forbidden", $"This case belongs to {agencyCode}; your account acts for {officerAgency ?? "no agency"}.");

    /// <summary>Why the actor may not change the agency's benefits or controls; null when it may.</summary>
    public static DomainError? ChangeRefused(Role role, string? officerAgency, string agencyCode) =>
        ActsFor(role, officerAgency, agencyCode)
            ? null
            : new DomainError(
                "forbidden",
                role == Role.OgaOfficer
                    ? $"Your account acts for {officerAgency}; {agencyCode.Trim().ToUpperInvariant()} is changed by "
                        + "its own officers or an administrator."
                    : "Agencies are changed by their own officers or an administrator."
            );
}

/// <summary>
/// An agency's published AEO benefits as lines of a programme's benefits catalogue, with how selectivity delivers
/// each: recognition of AEO standards waives the agency's documentary check for an AEO principal, fewer inspections
/// multiply its inspection rate by the AEO factor (when below 1); other support is a procedure of the agency's own.
/// </summary>
public static class AgencyCatalogue
{
    /// <param name="language">The language the agencies registry is written in.</param>
    public static IEnumerable<CatalogueEntry> Entries(Agency agency, string language) =>
        agency.Benefits.Select(
            (b, i) =>
                new CatalogueEntry(
                    $"agency:{agency.Code}:{i}",
                    BenefitKind.Oga,
                    b.Family == AgencyBenefitFamily.OtherSupport ? BenefitFamily.OtherSupport : BenefitFamily.FewerControls,
                    // Selectivity credits the declaration's principal: the importer of an import, the exporter of an export.
                    OperatorRoles.Importer | OperatorRoles.Exporter,
                    [],
                    BenefitPlaces.Import | BenefitPlaces.Export,
                    Delivered(agency, b.Family) ? BenefitDelivery.AgencyCredit : BenefitDelivery.Procedure,
                    [new BenefitText(language, agency.Name, b.Description)],
                    Source: agency.Code
                )
        );

    private static bool Delivered(Agency agency, AgencyBenefitFamily family) =>
        family switch
        {
            AgencyBenefitFamily.RecognitionOfAeoStandards => true,
            AgencyBenefitFamily.FewerInspectionsPriorityFees => agency.AeoInspectionFactor < 1,
            _ => false,
        };
}
