using System.Globalization;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests;

/// <summary>Small, valid starting points for tests; each test changes only what it is about.</summary>
internal static class Builders
{
    /// <summary>The fixed "now" every test passes in (the domain never reads the clock).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Later = Now.AddDays(3);

    /// <summary>Economy codes the registry knows in these tests.</summary>
    public static readonly IReadOnlySet<string> KnownEconomies = new HashSet<string> { "AU", "NZ", "TW", "US" };

    /// <summary>A New Zealand TIN.</summary>
    public const string NzTin = "NZ1234567";

    /// <summary>Another operator's TIN, from the same economy.</summary>
    public const string OtherNzTin = "NZ7654321";

    /// <summary>Details that pass validation for a New Zealand exporter (economy left to default to the TIN's).</summary>
    public static readonly OperatorDetails ValidDetails = new(
        LegalName: "Kiwi Exports Ltd",
        EconomyCode: null,
        Roles: OperatorRoles.Exporter,
        Employees: 12,
        Turnover: 1_500_000m,
        Sector: "Dairy",
        ConsentToExchange: true
    );

    public static Tin ParseTin(string value)
    {
        var result = Tin.Parse(value);
        result.IsOk.ShouldBeTrue($"test setup: '{value}' should be a valid TIN");
        return result.Value;
    }

    public static Operator RegisteredOperator(string tin = NzTin, OperatorDetails? details = null) =>
        Succeeded(Operator.Register(ParseTin(tin), details ?? ValidDetails, KnownEconomies, Now));

    /// <summary>A programme definition that passes validation; vary it with <c>with</c>.</summary>
    public static ProgrammeDefinition ValidProgramme() =>
        new(
            Code: "NZ",
            EconomyCode: "NZ",
            Name: "Secure Exports Scheme",
            ShortName: "SES",
            LaunchYear: 2004,
            Status: ProgrammeStatus.Operational,
            Validity: ValidityPolicy.Indefinite,
            Sla: SlaPolicy.Default,
            Sme: new SmeDefinition(20),
            Tracks: Tracks.Standard | Tracks.Sme,
            Tiers: [],
            EligibleRoles: OperatorRoles.Exporter,
            Calendar: Calendar(weekend: [DayOfWeek.Saturday, DayOfWeek.Sunday], annual: [(1, 1), (12, 25)]),
            Notes: "Certifies exporters only.",
            Source: "test"
        );

    public static BusinessCalendar Calendar(DayOfWeek[] weekend, (int Month, int Day)[]? annual = null, DateOnly[]? dated = null) =>
        new(weekend.ToHashSet(), (annual ?? []).ToHashSet(), (dated ?? []).ToHashSet());

    /// <summary>Reads <c>yyyy-MM-dd</c>, so date tables can live in <c>[InlineData]</c>.</summary>
    public static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static T Succeeded<T>(Result<T> result)
    {
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    /// <summary>Asserts the result failed with exactly one error and returns it.</summary>
    public static DomainError SingleError<T>(Result<T> result)
    {
        result.IsOk.ShouldBeFalse();
        return result.Errors.ShouldHaveSingleItem();
    }
}
