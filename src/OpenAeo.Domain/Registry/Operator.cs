namespace OpenAeo.Domain.Registry;

/// <summary>
/// What a person or a file says about an operator; validated by <see cref="Operator.Register"/> and
/// <see cref="Operator.Update"/>. An empty economy means the economy that issued the TIN.
/// </summary>
public sealed record OperatorDetails(
    string LegalName,
    string? EconomyCode,
    OperatorRoles Roles,
    int? Employees,
    decimal? Turnover,
    string? Sector,
    bool ConsentToExchange
);

/// <summary>One field an update changed, for the audit trail.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A business registered with customs, keyed by its TIN.</summary>
public sealed class Operator
{
    private Operator() { }

    public Tin Tin { get; private set; }

    public string LegalName { get; private set; } = "";

    public string EconomyCode { get; private set; } = "";

    public OperatorRoles Roles { get; private set; }

    public int? Employees { get; private set; }

    /// <summary>Annual turnover in the currency of the operator's programme.</summary>
    public decimal? Turnover { get; private set; }

    public string? Sector { get; private set; }

    /// <summary>Whether the operator agreed that its AEO status may be exchanged with partner administrations.</summary>
    public bool ConsentToExchange { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// Registers an operator. <paramref name="knownEconomies"/> are the economy codes in the registry: an
    /// operator must be established in one of them.
    /// </summary>
    public static Result<Operator> Register(Tin tin, OperatorDetails details, IReadOnlySet<string> knownEconomies, DateTimeOffset now)
    {
        var (normalised, errors) = Validate(tin, details, knownEconomies);
        if (errors.Count > 0)
        {
            return Result<Operator>.Fail(errors);
        }

        return Result<Operator>.Ok(
            new Operator
            {
                Tin = tin,
                LegalName = normalised.LegalName,
                EconomyCode = normalised.EconomyCode!,
                Roles = normalised.Roles,
                Employees = normalised.Employees,
                Turnover = normalised.Turnover,
                Sector = normalised.Sector,
                ConsentToExchange = normalised.ConsentToExchange,
                RegisteredAt = now,
                UpdatedAt = now,
            }
        );
    }

    /// <summary>Replaces the operator's details and says which fields changed; nothing changes on error.</summary>
    public Result<IReadOnlyList<FieldChange>> Update(OperatorDetails details, IReadOnlySet<string> knownEconomies, DateTimeOffset now)
    {
        var (d, errors) = Validate(Tin, details, knownEconomies);
        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<FieldChange>>.Fail(errors);
        }

        var changes = new List<FieldChange>();
        Track(changes, "legalName", LegalName, d.LegalName);
        Track(changes, "economy", EconomyCode, d.EconomyCode);
        Track(changes, "roles", OperatorRoleNames.Format(Roles), OperatorRoleNames.Format(d.Roles));
        Track(
            changes,
            "employees",
            Employees?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            d.Employees?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        if (Turnover != d.Turnover)
        {
            // Compared as numbers: 1500000 and 1500000.00 are the same amount with a different scale.
            changes.Add(
                new FieldChange(
                    "turnover",
                    Turnover?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    d.Turnover?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                )
            );
        }

        Track(changes, "sector", Sector, d.Sector);
        Track(changes, "consentToExchange", ConsentToExchange ? "true" : "false", d.ConsentToExchange ? "true" : "false");

        LegalName = d.LegalName;
        EconomyCode = d.EconomyCode!;
        Roles = d.Roles;
        Employees = d.Employees;
        Turnover = d.Turnover;
        Sector = d.Sector;
        ConsentToExchange = d.ConsentToExchange;
        if (changes.Count > 0)
        {
            UpdatedAt = now;
        }

        return Result<IReadOnlyList<FieldChange>>.Ok(changes);
    }

    /// <summary>The details as they stand, to start an edit from.</summary>
    public OperatorDetails Details => new(LegalName, EconomyCode, Roles, Employees, Turnover, Sector, ConsentToExchange);

    public SmeClass SmeClass(SmeDefinition? definition) => definition?.Classify(Employees, Turnover) ?? Registry.SmeClass.Unknown;

    private static void Track(List<FieldChange> changes, string field, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, before, after));
        }
    }

    private static (OperatorDetails Normalised, List<DomainError> Errors) Validate(
        Tin tin,
        OperatorDetails d,
        IReadOnlySet<string> knownEconomies
    )
    {
        var errors = new List<DomainError>();
        var legalName = (d.LegalName ?? "").Trim();
        var economy = string.IsNullOrWhiteSpace(d.EconomyCode) ? tin.Economy : d.EconomyCode.Trim().ToUpperInvariant();
        var sector = string.IsNullOrWhiteSpace(d.Sector) ? null : d.Sector.Trim();

        if (legalName.Length == 0)
        {
            errors.Add(new("operator.legalName", "A legal name is required.", "legalName"));
        }
        else if (Limits.LegalName.Problem(legalName, "A legal name") is { } problem)
        {
            errors.Add(new("operator.legalName", problem, "legalName"));
        }

        if (!knownEconomies.Contains(economy))
        {
            errors.Add(new("operator.economy", $"'{economy}' is not an economy in the registry.", "economy"));
        }
        else if (economy != tin.Economy)
        {
            errors.Add(
                new(
                    "operator.economy",
                    $"TIN {tin} was issued by {tin.Economy}, but the operator is said to be established in "
                        + $"{economy}; a TIN names the economy that issued it.",
                    "economy"
                )
            );
        }

        if (d.Roles == OperatorRoles.None)
        {
            errors.Add(new("operator.roles", "An operator plays at least one role (importer, exporter, customs broker, …).", "roles"));
        }

        if (Limits.Employees.Problem(d.Employees, "Employees") is { } employees)
        {
            errors.Add(new("operator.employees", employees, "employees"));
        }

        if (Limits.Money.Problem(d.Turnover, "Turnover") is { } turnover)
        {
            errors.Add(new("operator.turnover", turnover, "turnover"));
        }

        if (Limits.Sector.Problem(sector, "A sector") is { } sectorProblem)
        {
            errors.Add(new("operator.sector", sectorProblem, "sector"));
        }

        return (d with { LegalName = legalName, EconomyCode = economy, Sector = sector }, errors);
    }
}
