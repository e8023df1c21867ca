using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Creating_a_programme
{
    [Fact]
    public void Codes_and_names_are_normalised()
    {
        var programme = Succeeded(
            Programme.Create(
                ValidProgramme() with
                {
                    Code = " nz-ses ",
                    EconomyCode = " nz ",
                    Name = "  Secure Exports Scheme ",
                    ShortName = "  ",
                }
            )
        );

        programme.Code.ShouldBe("NZ-SES");
        programme.EconomyCode.ShouldBe("NZ");
        programme.Name.ShouldBe("Secure Exports Scheme");
        programme.ShortName.ShouldBeNull();
    }

    [Fact]
    public void The_policies_read_back_as_defined()
    {
        var definition = ValidProgramme() with
        {
            Validity = new ValidityPolicy(3),
            Sla = new SlaPolicy(120, 20, 45),
            Sme = new SmeDefinition(250, 50_000_000m, "MYR"),
        };

        var programme = Succeeded(Programme.Create(definition));

        programme.Validity.ShouldBe(new ValidityPolicy(3));
        programme.Sla.ShouldBe(new SlaPolicy(120, 20, 45));
        programme.SmeDefinition.ShouldBe(new SmeDefinition(250, 50_000_000m, "MYR"));
    }

    [Fact]
    public void The_other_settings_are_kept()
    {
        var definition = ValidProgramme() with
        {
            Status = ProgrammeStatus.InDevelopment,
            Tracks = Tracks.Standard | Tracks.Ecommerce,
            Tiers = ["Gold", "Silver"],
            EligibleRoles = OperatorRoles.Exporter | OperatorRoles.Manufacturer,
        };

        var programme = Succeeded(Programme.Create(definition));

        programme.ShortName.ShouldBe("SES");
        programme.LaunchYear.ShouldBe(2004);
        programme.Status.ShouldBe(ProgrammeStatus.InDevelopment);
        programme.Tracks.ShouldBe(Tracks.Standard | Tracks.Ecommerce);
        programme.Tiers.ShouldBe(["Gold", "Silver"]);
        programme.EligibleRoles.ShouldBe(OperatorRoles.Exporter | OperatorRoles.Manufacturer);
        programme.Notes.ShouldBe("Certifies exporters only.");
        programme.Source.ShouldBe("test");
    }

    [Fact]
    public void The_calendar_is_stored_sorted_with_month_day_holidays()
    {
        var calendar = Calendar(
            weekend: [DayOfWeek.Saturday, DayOfWeek.Friday],
            annual: [(12, 25), (2, 6), (1, 1)],
            dated: [Day("2026-04-03"), Day("2026-01-02")]
        );

        var programme = Succeeded(Programme.Create(ValidProgramme() with { Calendar = calendar }));

        programme.WeekendDays.ShouldBe([DayOfWeek.Friday, DayOfWeek.Saturday]);
        programme.AnnualHolidays.ShouldBe(["01-01", "02-06", "12-25"]);
        programme.Holidays.ShouldBe([Day("2026-01-02"), Day("2026-04-03")]);
    }

    [Fact]
    public void The_rebuilt_calendar_agrees_with_the_defined_one_on_every_day_of_a_year()
    {
        var calendar = Calendar(
            weekend: [DayOfWeek.Friday, DayOfWeek.Sunday],
            annual: [(1, 1), (2, 23), (5, 31), (7, 15), (12, 25)],
            dated: [Day("2026-03-20"), Day("2026-12-31")]
        );

        var rebuilt = Succeeded(Programme.Create(ValidProgramme() with { Calendar = calendar })).Calendar;

        for (var day = Day("2026-01-01"); day <= Day("2026-12-31"); day = day.AddDays(1))
        {
            rebuilt.IsBusinessDay(day).ShouldBe(calendar.IsBusinessDay(day), $"on {day:yyyy-MM-dd}");
        }
    }
}

public class Programme_validation
{
    public static TheoryData<string, ProgrammeDefinition, string> InvalidDefinitions
    {
        get
        {
            var valid = ValidProgramme();
            return new()
            {
                { "code too short", valid with { Code = "X" }, "programme.code" },
                { "code too long", valid with { Code = new string('C', 21) }, "programme.code" },
                { "code with a space", valid with { Code = "NZ SES" }, "programme.code" },
                { "economy of three letters", valid with { EconomyCode = "NZL" }, "programme.economy" },
                { "economy with a digit", valid with { EconomyCode = "N1" }, "programme.economy" },
                { "blank name", valid with { Name = "  " }, "programme.name" },
                { "name too long", valid with { Name = new string('n', 201) }, "programme.name" },
                { "launch before 1990", valid with { LaunchYear = 1989 }, "programme.launchYear" },
                { "launch after 2100", valid with { LaunchYear = 2101 }, "programme.launchYear" },
                { "zero-year validity", valid with { Validity = new ValidityPolicy(0) }, "programme.validity" },
                { "annual holiday in month 13", valid with { Calendar = Calendar([DayOfWeek.Sunday], [(13, 1)]) }, "programme.calendar" },
                {
                    "annual holiday on 31 February",
                    valid with
                    {
                        Calendar = Calendar([DayOfWeek.Sunday], [(2, 31)]),
                    },
                    "programme.calendar"
                },
                { "annual holiday on day 0", valid with { Calendar = Calendar([DayOfWeek.Sunday], [(1, 0)]) }, "programme.calendar" },
                { "21-year validity", valid with { Validity = new ValidityPolicy(21) }, "programme.validity" },
                { "zero standard days", valid with { Sla = new SlaPolicy(0, 30, 60) }, "programme.sla" },
                { "negative information days", valid with { Sla = new SlaPolicy(90, -1, 60) }, "programme.sla" },
                { "zero SME days", valid with { Sla = new SlaPolicy(90, 30, 0) }, "programme.sla" },
                { "1001 standard days", valid with { Sla = new SlaPolicy(1001, 30, 60) }, "programme.sla" },
                { "zero SME cap", valid with { Sme = new SmeDefinition(0) }, "programme.sme" },
                { "SME cap over 100,000", valid with { Sme = new SmeDefinition(100_001) }, "programme.sme" },
                { "zero turnover cap", valid with { Sme = new SmeDefinition(250, 0m, "MYR") }, "programme.sme" },
                { "turnover cap without currency", valid with { Sme = new SmeDefinition(250, 1_000m) }, "programme.sme" },
                { "no standard track", valid with { Tracks = Tracks.Sme | Tracks.Ecommerce }, "programme.tracks" },
                {
                    "four-day weekend",
                    valid with
                    {
                        Calendar = Calendar([DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday]),
                    },
                    "programme.calendar"
                },
            };
        }
    }

    public static TheoryData<string, ProgrammeDefinition> BoundaryDefinitions
    {
        get
        {
            var valid = ValidProgramme();
            return new()
            {
                { "two-character code", valid with { Code = "NZ" } },
                { "20-character code with hyphens", valid with { Code = "NZ-SES-" + new string('X', 13) } },
                { "launch in 1990", valid with { LaunchYear = 1990 } },
                { "launch in 2100", valid with { LaunchYear = 2100 } },
                { "no launch year", valid with { LaunchYear = null } },
                { "one-year validity", valid with { Validity = new ValidityPolicy(1) } },
                { "20-year validity", valid with { Validity = new ValidityPolicy(20) } },
                { "no information-request extension", valid with { Sla = new SlaPolicy(1000, 0, 1) } },
                { "SME cap of 100,000", valid with { Sme = new SmeDefinition(100_000) } },
                { "three-day weekend", valid with { Calendar = Calendar([DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday]) } },
                { "no weekend", valid with { Calendar = Calendar([]) } },
            };
        }
    }

    [Theory]
    [MemberData(nameof(InvalidDefinitions))]
    public void Each_broken_rule_is_reported_with_its_code(string rule, ProgrammeDefinition definition, string code)
    {
        var result = Programme.Create(definition);

        result.IsOk.ShouldBeFalse(rule);
        result.Errors.ShouldHaveSingleItem(rule).Code.ShouldBe(code, rule);
    }

    [Theory]
    [MemberData(nameof(BoundaryDefinitions))]
    public void Values_at_the_limits_are_accepted(string rule, ProgrammeDefinition definition)
    {
        Programme.Create(definition).Errors.ShouldBeEmpty(rule);
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var result = Programme.Create(ValidProgramme() with { Code = "X", Name = "", Tracks = Tracks.None });

        result.Errors.Select(e => e.Code).ShouldBe(["programme.code", "programme.name", "programme.tracks"], ignoreOrder: true);
    }
}

public class Updating_a_programme
{
    [Fact]
    public void The_settings_are_replaced_but_the_code_never_changes()
    {
        var programme = Succeeded(Programme.Create(ValidProgramme()));

        var errors = programme.Update(
            ValidProgramme() with
            {
                Code = "OTHER",
                Name = "Trusted Exporter",
                Validity = new ValidityPolicy(5),
            }
        );

        errors.ShouldBeEmpty();
        programme.Code.ShouldBe("NZ");
        programme.Name.ShouldBe("Trusted Exporter");
        programme.ValidityYears.ShouldBe(5);
    }

    [Fact]
    public void An_invalid_update_changes_nothing()
    {
        var programme = Succeeded(Programme.Create(ValidProgramme()));

        var errors = programme.Update(ValidProgramme() with { Name = "Renamed", Sme = new SmeDefinition(0) });

        errors.ShouldHaveSingleItem().Code.ShouldBe("programme.sme");
        programme.Name.ShouldBe("Secure Exports Scheme");
        programme.SmeEmployeeCap.ShouldBe(20);
    }

    [Fact]
    public void An_invalid_code_in_the_update_is_ignored_because_the_code_is_kept()
    {
        var programme = Succeeded(Programme.Create(ValidProgramme()));

        programme.Update(ValidProgramme() with { Code = "!" }).ShouldBeEmpty();
        programme.Code.ShouldBe("NZ");
    }
}

public class Programme_statistics
{
    [Fact]
    public void A_statistic_keeps_what_was_counted_and_where_it_was_published()
    {
        var statistic = new ProgrammeStatistic("NZ", "Exporters", 123, Day("2019-07-01"), "WCO");

        statistic.ProgrammeCode.ShouldBe("NZ");
        statistic.Metric.ShouldBe("Exporters");
        statistic.Count.ShouldBe(123);
        statistic.AsOf.ShouldBe(Day("2019-07-01"));
        statistic.Source.ShouldBe("WCO");
    }
}
