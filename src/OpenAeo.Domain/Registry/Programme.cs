namespace OpenAeo.Domain.Registry;

public enum ProgrammeStatus
{
    Operational,
    InDevelopment,
}

/// <summary>Paths through certification, each with its own criteria pack, evidence rules and SLA.</summary>
[Flags]
public enum Tracks
{
    None = 0,
    Standard = 1,
    Sme = 2,
    Ecommerce = 4,
}

/// <summary>How long a certificate stays valid once granted.</summary>
/// <param name="Years">Null for indefinite validity (most APEC programmes).</param>
public sealed record ValidityPolicy(int? Years)
{
    public static readonly ValidityPolicy Indefinite = new((int?)null);

    public bool IsIndefinite => Years is null;

    /// <summary>
    /// The last day a certificate granted on <paramref name="validFrom"/> is valid: the day before its N-th
    /// anniversary (a 2-year certificate from 2026-03-01 is valid to 2028-02-29 inclusive); null when indefinite.
    /// The anniversary of 29 February in a common year is 1 March, so a leap-day grant keeps its full term.
    /// </summary>
    public DateOnly? ValidUntil(DateOnly validFrom)
    {
        if (Years is not int years)
        {
            return null;
        }

        var anniversary = validFrom.AddYears(years);
        if (validFrom is { Month: 2, Day: 29 } && anniversary.Day == 28)
        {
            anniversary = anniversary.AddDays(1);
        }

        return anniversary.AddDays(-1);
    }

    public override string ToString() => Years is int y ? $"{y} year{(y == 1 ? "" : "s")}" : "Indefinite";
}

/// <summary>Authorisation time limits in business days.</summary>
/// <param name="StandardDays">The limit for the standard track (the report's common rule: 90).</param>
/// <param name="InformationRequestDays">Extra days when more information is requested (commonly 30).</param>
/// <param name="SmeExpeditedDays">The SME track's expedited limit (OpenAeo's default: 60).</param>
public sealed record SlaPolicy(int StandardDays, int InformationRequestDays, int SmeExpeditedDays)
{
    public static readonly SlaPolicy Default = new(90, 30, 60);

    public override string ToString() => $"{StandardDays} + {InformationRequestDays} business days (SME {SmeExpeditedDays})";
}

/// <summary>What happens when a paused application's agreed resume-by date passes.</summary>
public enum PauseExpiry
{
    /// <summary>The application resumes where it was paused (OpenAeo's default: nothing is lost).</summary>
    Resume,

    /// <summary>The application lapses (is withdrawn) and the operator applies again.</summary>
    Lapse,
}

/// <summary>What NotMet validation findings without an accepted improvement plan do to a grant.</summary>
public enum FindingsPolicy
{
    /// <summary>The grant is refused until each has an accepted plan (OpenAeo's default).</summary>
    Block,

    /// <summary>The grant is allowed with a follow-up date, recorded on the certificate.</summary>
    ConditionalGrant,
}

public enum SmeClass
{
    /// <summary>Not enough data to say (employees not declared).</summary>
    Unknown,
    Sme,
    Large,
}

/// <summary>
/// A programme's definition of a small or medium enterprise: fewer employees than the cap and, when the
/// programme sets one, an annual turnover at or under the turnover cap.
/// </summary>
/// <remarks>
/// Caps in the region run from 20 employees (New Zealand) to 1,000 (China); IFC uses fewer than 300, UNDP fewer
/// than 200. The turnover cap is in the programme's currency and applies only when the operator declares one.
/// </remarks>
public sealed record SmeDefinition(int EmployeeCap, decimal? TurnoverCap = null, string? Currency = null)
{
    public SmeClass Classify(int? employees, decimal? turnover)
    {
        if (employees is not int count)
        {
            return SmeClass.Unknown;
        }

        if (count >= EmployeeCap)
        {
            return SmeClass.Large;
        }

        return TurnoverCap is decimal cap && turnover is decimal declared && declared > cap ? SmeClass.Large : SmeClass.Sme;
    }

    public override string ToString() =>
        TurnoverCap is decimal cap ? $"< {EmployeeCap} employees and turnover ≤ {cap:N0} {Currency}" : $"< {EmployeeCap} employees";
}

/// <summary>One economy's AEO programme (CTPAT, Secure Exports Scheme, Trusted Trader, STP, PIP, "AEO" elsewhere).</summary>
public sealed partial class Programme
{
    private Programme() { }

    /// <summary>Short identifier, by default the economy's code (<c>US</c>).</summary>
    public string Code { get; private set; } = "";

    public string EconomyCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string? ShortName { get; private set; }

    public int? LaunchYear { get; private set; }

    public ProgrammeStatus Status { get; private set; }

    public int? ValidityYears { get; private set; }

    public int SlaStandardDays { get; private set; }

    public int SlaInformationRequestDays { get; private set; }

    public int SlaSmeExpeditedDays { get; private set; }

    public int SmeEmployeeCap { get; private set; }

    public decimal? SmeTurnoverCap { get; private set; }

    public string? SmeTurnoverCurrency { get; private set; }

    public Tracks Tracks { get; private set; }

    /// <summary>Tiers in rank order, highest first; empty when the programme has none.</summary>
    public List<string> Tiers { get; private set; } = [];

    /// <summary>Operator roles the programme certifies; empty means all roles.</summary>
    public OperatorRoles EligibleRoles { get; private set; }

    public List<DayOfWeek> WeekendDays { get; private set; } = [];

    /// <summary>Holidays on the same date every year, as <c>MM-DD</c>.</summary>
    public List<string> AnnualHolidays { get; private set; } = [];

    public List<DateOnly> Holidays { get; private set; } = [];

    public string? Notes { get; private set; }

    public string? Source { get; private set; }

    /// <summary>IANA time zone of the programme office: business days and validity dates are its local dates.</summary>
    public string TimeZone { get; private set; } = "UTC";

    public PauseExpiry PauseExpiry { get; private set; }

    // Issue 14 item 11 (cert-criteria): dated holidays imported per year, with their names.
    /// <summary>The names of imported dated holidays, as <c>yyyy-MM-dd Name</c>; <see cref="Holidays"/> stays the calendar's list of
    /// days.</summary>
    public List<string> HolidayNames { get; private set; } = [];

    /// <summary>The dated holidays of a year, with their names where an import gave them, in date order.</summary>
    public IReadOnlyList<(DateOnly Date, string? Name)> HolidaysOf(int year)
    {
        var names = HolidayNames.Where(n => n.Length > 11).ToDictionary(n => n[..10], n => n[11..], StringComparer.Ordinal);
        return
        [
            .. Holidays
                .Where(d => d.Year == year)
                .Order()
                .Select(d => (d, names.GetValueOrDefault(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))),
        ];
    }

    /// <summary>
    /// Replaces the dated holidays of every year the list covers with the list (a year's file is the whole year: a holiday
    /// it no longer names is no holiday any more) and leaves other years alone. The SLA clock counts them at once
    /// (<see cref="Calendar"/>). The list is checked first (<see cref="HolidayCalendar.Check"/>); returns the years replaced.
    /// </summary>
    public IReadOnlyList<int> ReplaceHolidays(IReadOnlyList<ImportedHoliday> holidays)
    {
        var years = holidays.Select(h => h.Date.Year).Distinct().Order().ToList();
        string Key(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Holidays = [.. Holidays.Where(d => !years.Contains(d.Year)).Concat(holidays.Select(h => h.Date)).Order()];
        HolidayNames =
        [
            .. HolidayNames
                .Where(n => !years.Any(y => n.StartsWith($"{y}-", StringComparison.Ordinal)))
                .Concat(holidays.Select(h => $"{Key(h.Date)} {h.Name.Trim()}"))
                .Order(StringComparer.Ordinal),
        ];
        return years;
    }

    /// <summary>When the programme's offices open on a working day, in their own zone (ADR 0044: the working-hours clock of time release
    /// studies).</summary>
    public TimeOnly WorkdayOpens { get; private set; } = WorkingHours.Default.Opens;

    public TimeOnly WorkdayCloses { get; private set; } = WorkingHours.Default.Closes;

    public WorkingHours WorkingHours => new(WorkdayOpens, WorkdayCloses);

    /// <summary>Sets the offices' working hours; they open before they close on the same day.</summary>
    public IReadOnlyList<DomainError> ChangeWorkingHours(WorkingHours hours)
    {
        if (hours.Opens >= hours.Closes)
        {
            return
            [
                new("programme.workingHours", "The offices open before they close on the same day (such as 08:30-17:30).", "workingHours"),
            ];
        }

        (WorkdayOpens, WorkdayCloses) = (hours.Opens, hours.Closes);
        return [];
    }

    public ValidityPolicy Validity => new(ValidityYears);

    public SlaPolicy Sla => new(SlaStandardDays, SlaInformationRequestDays, SlaSmeExpeditedDays);

    public SmeDefinition SmeDefinition => new(SmeEmployeeCap, SmeTurnoverCap, SmeTurnoverCurrency);

    public BusinessCalendar Calendar =>
        new(WeekendDays.ToHashSet(), AnnualHolidays.Select(ParseMonthDay).ToHashSet(), Holidays.ToHashSet());

    public static Result<Programme> Create(ProgrammeDefinition definition)
    {
        var programme = new Programme { Code = definition.Code.Trim().ToUpperInvariant() };
        var errors = programme.Apply(definition);
        return errors.Count > 0 ? Result<Programme>.Fail(errors) : Result<Programme>.Ok(programme);
    }

    /// <summary>Replaces the editable settings; the code never changes.</summary>
    public IReadOnlyList<DomainError> Update(ProgrammeDefinition definition) => Apply(definition with { Code = Code });

    private List<DomainError> Apply(ProgrammeDefinition d)
    {
        var errors = Validate(d);
        if (errors.Count > 0)
        {
            return errors;
        }

        EconomyCode = d.EconomyCode.Trim().ToUpperInvariant();
        Name = d.Name.Trim();
        ShortName = string.IsNullOrWhiteSpace(d.ShortName) ? null : d.ShortName.Trim();
        LaunchYear = d.LaunchYear;
        Status = d.Status;
        ValidityYears = d.Validity.Years;
        SlaStandardDays = d.Sla.StandardDays;
        SlaInformationRequestDays = d.Sla.InformationRequestDays;
        SlaSmeExpeditedDays = d.Sla.SmeExpeditedDays;
        SmeEmployeeCap = d.Sme.EmployeeCap;
        SmeTurnoverCap = d.Sme.TurnoverCap;
        SmeTurnoverCurrency = d.Sme.Currency;
        Tracks = d.Tracks;
        Tiers = [.. d.Tiers];
        EligibleRoles = d.EligibleRoles;
        WeekendDays = [.. d.Calendar.Weekend.Order()];
        AnnualHolidays = [.. d.Calendar.AnnualHolidays.Order().Select(h => $"{h.Month:00}-{h.Day:00}")];
        Holidays = [.. d.Calendar.Holidays.Order()];
        Notes = d.Notes;
        Source = d.Source;
        TimeZone = d.TimeZone.Trim();
        PauseExpiry = d.PauseExpiry;
        return errors;
    }

    private static List<DomainError> Validate(ProgrammeDefinition d)
    {
        var errors = new List<DomainError>();
        if (d.Code.Trim().Length is < 2 or > 20 || !d.Code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add(new("programme.code", "A programme code is 2 to 20 letters, digits or hyphens.", "code"));
        }

        if (!Economy.IsEconomyCode(d.EconomyCode.Trim().ToUpperInvariant()))
        {
            errors.Add(new("programme.economy", "A programme belongs to one economy, named by its two-letter code.", "economyCode"));
        }

        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200)
        {
            errors.Add(new("programme.name", "A name of 1 to 200 characters is required.", "name"));
        }

        if (d.LaunchYear is int year && year is < 1990 or > 2100)
        {
            errors.Add(new("programme.launchYear", "A launch year is between 1990 and 2100.", "launchYear"));
        }

        if (d.Validity.Years is int years && years is < 1 or > 20)
        {
            errors.Add(new("programme.validity", "A fixed validity is 1 to 20 years; leave it empty for indefinite.", "validityYears"));
        }

        if (d.Sla.StandardDays is < 1 or > 1000 || d.Sla.InformationRequestDays is < 0 or > 1000 || d.Sla.SmeExpeditedDays is < 1 or > 1000)
        {
            errors.Add(
                new(
                    "programme.sla",
                    "SLA limits are whole business days between 1 and 1000 (0 allowed for the information-request extension).",
                    "sla"
                )
            );
        }

        if (d.Sme.EmployeeCap is < 1 or > 100_000)
        {
            errors.Add(new("programme.sme", "The SME employee cap must be between 1 and 100,000.", "smeEmployeeCap"));
        }

        if (d.Sme.TurnoverCap is decimal cap && (cap <= 0 || string.IsNullOrWhiteSpace(d.Sme.Currency)))
        {
            errors.Add(new("programme.sme", "A turnover cap is positive and names its currency.", "smeTurnoverCap"));
        }

        if (!d.Tracks.HasFlag(Tracks.Standard))
        {
            errors.Add(new("programme.tracks", "A programme must offer the Standard track.", "tracks"));
        }

        foreach (var (month, day) in d.Calendar.AnnualHolidays)
        {
            // Checked against a leap year so 29 February is allowed as an annual holiday.
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000, month))
            {
                errors.Add(new("programme.calendar", $"{month:00}-{day:00} is not a day of the year.", "annualHolidays"));
            }
        }

        // Resolved, not only present: certificate days are days in this zone, here and at every partner (ADR 0012).
        if (string.IsNullOrWhiteSpace(d.TimeZone) || d.TimeZone.Length > 64 || TimeZones.Find(d.TimeZone.Trim()) is null)
        {
            errors.Add(new("programme.timeZone", "A programme names its office's IANA time zone, e.g. Asia/Taipei.", "timeZone"));
        }

        if (d.Calendar.Weekend.Count > 3)
        {
            errors.Add(new("programme.calendar", "A weekend has at most three days.", "weekendDays"));
        }

        return errors;
    }

    // Decision rules (ADR 0032): kept apart from ProgrammeDefinition so the reference data and its edits stay as they are.
    public const int MaxHearingDays = 180;

    /// <summary>Whether NotMet findings without an accepted improvement plan block a grant or allow a conditional one.</summary>
    public FindingsPolicy FindingsPolicy { get; private set; }

    /// <summary>A second officer, not the one who prepared it, approves a grant, rejection or revocation.</summary>
    public bool FourEyes { get; private set; }

    /// <summary>Local days (in <see cref="TimeZone"/>) an applicant or holder has to respond to a notice of intent.</summary>
    public int HearingDays { get; private set; } = 30;

    public IReadOnlyList<DomainError> ChangeDecisionRules(FindingsPolicy findings, bool fourEyes, int hearingDays)
    {
        if (!Enum.IsDefined(findings))
        {
            return [new("programme.findingsPolicy", "FindingsPolicy is Block or ConditionalGrant.", "findingsPolicy")];
        }

        if (hearingDays is < 1 or > MaxHearingDays)
        {
            return
            [
                new("programme.hearingDays", $"The response period to a notice of intent is 1 to {MaxHearingDays} days.", "hearingDays"),
            ];
        }

        (FindingsPolicy, FourEyes, HearingDays) = (findings, fourEyes, hearingDays);
        return [];
    }

    // Monitoring after the grant (ADR 0040): kept apart from ProgrammeDefinition like the decision rules.
    public int SelfReviewWindowDays { get; private set; } = MonitoringPolicy.Default.SelfReviewWindowDays;

    public int ReassessmentYears { get; private set; } = MonitoringPolicy.Default.ReassessmentYears;

    public int TriggeredReassessmentDays { get; private set; } = MonitoringPolicy.Default.TriggeredReassessmentDays;

    public MonitoringPolicy Monitoring => new(SelfReviewWindowDays, ReassessmentYears, TriggeredReassessmentDays);

    public IReadOnlyList<DomainError> ChangeMonitoringRules(MonitoringPolicy policy)
    {
        var errors = policy.Validate();
        if (errors.Count == 0)
        {
            (SelfReviewWindowDays, ReassessmentYears, TriggeredReassessmentDays) = (
                policy.SelfReviewWindowDays,
                policy.ReassessmentYears,
                policy.TriggeredReassessmentDays
            );
        }

        return errors;
    }

    private static (int Month, int Day) ParseMonthDay(string value) =>
        (
            int.Parse(value.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(value.AsSpan(3, 2), System.Globalization.CultureInfo.InvariantCulture)
        );
}

/// <summary>Everything that defines a programme, as one value (used for creation, edits and reference data).</summary>
public sealed record ProgrammeDefinition(
    string Code,
    string EconomyCode,
    string Name,
    string? ShortName,
    int? LaunchYear,
    ProgrammeStatus Status,
    ValidityPolicy Validity,
    SlaPolicy Sla,
    SmeDefinition Sme,
    Tracks Tracks,
    IReadOnlyList<string> Tiers,
    OperatorRoles EligibleRoles,
    BusinessCalendar Calendar,
    string? Notes,
    string? Source,
    string TimeZone = "UTC",
    PauseExpiry PauseExpiry = PauseExpiry.Resume
);

/// <summary>A published count about a programme, with where it was published (e.g. Table 1 of the APEC report).</summary>
public sealed class ProgrammeStatistic
{
    private ProgrammeStatistic() { }

    public ProgrammeStatistic(string programmeCode, string metric, int count, DateOnly? asOf, string source)
    {
        ProgrammeCode = programmeCode;
        Metric = metric;
        Count = count;
        AsOf = asOf;
        Source = source;
    }

    public int Id { get; private set; }

    public string ProgrammeCode { get; private set; } = "";

    /// <summary>What was counted, e.g. "AEO importers/exporters" or "Customs brokers".</summary>
    public string Metric { get; private set; } = "";

    public int Count { get; private set; }

    public DateOnly? AsOf { get; private set; }

    public string Source { get; private set; } = "";
}

/// <summary>
/// A programme's rules for life after the grant (ADR 0040).
/// </summary>
/// <param name="SelfReviewWindowDays">How many days before the anniversary the trader is reminded and the review shows as due.</param>
/// <param name="ReassessmentYears">Years between periodic reassessments; 0 turns them off.</param>
/// <param name="TriggeredReassessmentDays">Business days within which an event-triggered reassessment is due.</param>
public sealed record MonitoringPolicy(int SelfReviewWindowDays, int ReassessmentYears, int TriggeredReassessmentDays)
{
    public static readonly MonitoringPolicy Default = new(30, 3, 20);

    public const int MaxWindowDays = 180;

    public const int MaxReassessmentYears = 10;

    public const int MaxTriggeredDays = 250;

    public IReadOnlyList<DomainError> Validate()
    {
        var errors = new List<DomainError>();
        if (SelfReviewWindowDays is < 1 or > MaxWindowDays)
        {
            errors.Add(
                new(
                    "programme.selfReviewWindowDays",
                    $"The self-review reminder window is 1 to {MaxWindowDays} days before the anniversary.",
                    "selfReviewWindowDays"
                )
            );
        }

        if (ReassessmentYears is < 0 or > MaxReassessmentYears)
        {
            errors.Add(
                new(
                    "programme.reassessmentYears",
                    $"Periodic reassessment is every 1 to {MaxReassessmentYears} years, or 0 for none.",
                    "reassessmentYears"
                )
            );
        }

        if (TriggeredReassessmentDays is < 1 or > MaxTriggeredDays)
        {
            errors.Add(
                new(
                    "programme.triggeredReassessmentDays",
                    $"A triggered reassessment is due within 1 to {MaxTriggeredDays} business days.",
                    "triggeredReassessmentDays"
                )
            );
        }

        return errors;
    }
}
