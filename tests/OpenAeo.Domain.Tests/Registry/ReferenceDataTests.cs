using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Shipped_economies
{
    [Fact]
    public void There_are_21_distinct_APEC_economies()
    {
        ReferenceData.ApecEconomies.Count.ShouldBe(21);
        ReferenceData.ApecEconomies.Select(e => e.Code).ShouldBeUnique();
    }

    [Theory]
    [InlineData("TW", "Chinese Taipei")]
    [InlineData("HK", "Hong Kong, China")]
    [InlineData("VN", "Viet Nam")]
    [InlineData("KR", "Korea")]
    [InlineData("BN", "Brunei Darussalam")]
    public void Economies_carry_the_names_APEC_uses(string code, string name)
    {
        ReferenceData.Economies().Single(e => e.Code == code).Name.ShouldBe(name);
    }

    [Fact]
    public void Every_shipped_row_passes_economy_validation()
    {
        var failures = ReferenceData
            .ApecEconomies.Concat(ReferenceData.OtherEconomies)
            .Select(e => (e.Code, Result: Economy.Create(e.Code, e.Name, EconomyKind.Economy)))
            .Concat(ReferenceData.Blocs.Select(b => (b.Code, Result: Economy.Create(b.Code, b.Name, EconomyKind.Bloc, members: b.Members))))
            .Where(r => !r.Result.IsOk)
            .Select(r => r.Code);

        failures.ShouldBeEmpty();
        ReferenceData.Economies().ShouldAllBe(e => e != null);
    }

    [Fact]
    public void Economies_are_the_APEC_members_the_other_bloc_members_and_the_blocs()
    {
        var economies = ReferenceData.Economies();

        economies.Count.ShouldBe(21 + 5 + 2);
        economies.Select(e => e.Code).ShouldBeUnique();
        economies.Count(e => e.ApecMember).ShouldBe(21);
        economies.Where(e => e.ApecMember).ShouldAllBe(e => e.Kind == EconomyKind.Economy);
        economies.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Source));
    }

    [Theory]
    [InlineData("PACIFICALLIANCE", new[] { "CL", "CO", "MX", "PE" })]
    [InlineData("MERCOSUR", new[] { "AR", "BR", "PY", "UY" })]
    public void Every_bloc_member_is_a_shipped_economy(string blocCode, string[] members)
    {
        var economies = ReferenceData.Economies();
        var bloc = economies.Single(e => e.Code == blocCode);
        var plainEconomies = economies.Where(e => e.Kind == EconomyKind.Economy).Select(e => e.Code).ToHashSet();

        bloc.Kind.ShouldBe(EconomyKind.Bloc);
        bloc.ApecMember.ShouldBeFalse();
        bloc.Members.ShouldBe(members, ignoreOrder: true);
        bloc.Members.ShouldAllBe(m => plainEconomies.Contains(m));
    }
}

public class Shipped_programmes
{
    private static readonly IReadOnlyList<ProgrammeDefinition> Definitions = ReferenceData.Programmes();

    public static TheoryData<string> ApecCodes => new(ReferenceData.ApecEconomies.Select(e => e.Code));

    private static Programme Of(string economy) => Succeeded(Programme.Create(Definitions.Single(d => d.EconomyCode == economy)));

    [Fact]
    public void There_is_one_programme_per_APEC_economy()
    {
        Definitions.Select(d => d.EconomyCode).ShouldBe(ReferenceData.ApecEconomies.Select(e => e.Code), ignoreOrder: true);
        Definitions.Select(d => d.Code).ShouldBeUnique();
    }

    [Theory]
    [MemberData(nameof(ApecCodes))]
    public void Every_definition_passes_programme_validation(string economy)
    {
        var programme = Of(economy);

        programme.Code.ShouldBe(economy);
        programme.Sla.ShouldBe(SlaPolicy.Default);
        programme.Tracks.ShouldBe(Tracks.Standard | Tracks.Sme);
        programme.AnnualHolidays.ShouldContain("01-01");
        programme.Source.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("US", "Customs Trade Partnership Against Terrorism", "CTPAT")]
    [InlineData("NZ", "Secure Exports Scheme", "SES")]
    [InlineData("AU", "Australian Trusted Trader", "ATT")]
    [InlineData("SG", "Secure Trade Partnership", "STP")]
    [InlineData("CA", "Partners in Protection", "PIP")]
    [InlineData("JP", "Authorized Economic Operator", "AEO")]
    [InlineData("PG", "AEO programme (in development)", null)]
    public void Programmes_carry_their_own_names(string economy, string name, string? shortName)
    {
        var programme = Of(economy);

        programme.Name.ShouldBe(name);
        programme.ShortName.ShouldBe(shortName);
    }

    [Theory]
    [InlineData("MX", 2)]
    [InlineData("MY", 2)]
    [InlineData("SG", 3)]
    [InlineData("VN", 3)]
    [InlineData("HK", 3)]
    [InlineData("TW", null)]
    [InlineData("US", null)]
    [InlineData("CN", null)]
    public void Validity_is_fixed_in_five_economies_and_indefinite_elsewhere(string economy, int? years)
    {
        Of(economy).Validity.ShouldBe(new ValidityPolicy(years));
    }

    [Fact]
    public void Exactly_five_programmes_have_a_fixed_validity()
    {
        Definitions
            .Where(d => !d.Validity.IsIndefinite)
            .Select(d => d.EconomyCode)
            .ShouldBe(["HK", "MY", "MX", "SG", "VN"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("ID", 2015)]
    [InlineData("PH", 2015)]
    [InlineData("AU", 2016)]
    [InlineData("CL", 2017)]
    [InlineData("US", null)]
    public void Launch_years_are_given_only_where_the_report_states_them(string economy, int? year)
    {
        Of(economy).LaunchYear.ShouldBe(year);
    }

    [Fact]
    public void China_has_two_tiers_highest_first()
    {
        Of("CN").Tiers.ShouldBe(["Advanced Certified Enterprise", "General Certified Enterprise"]);
    }

    [Fact]
    public void Only_China_has_tiers()
    {
        Definitions.Where(d => d.Tiers.Count > 0).Select(d => d.EconomyCode).ShouldBe(["CN"]);
    }

    [Fact]
    public void New_Zealand_certifies_exporters_only_with_an_SME_cap_of_20()
    {
        var nz = Of("NZ");

        nz.SmeEmployeeCap.ShouldBe(20);
        nz.EligibleRoles.ShouldBe(OperatorRoles.Exporter);
        nz.SmeDefinition.Classify(19, null).ShouldBe(SmeClass.Sme);
        nz.SmeDefinition.Classify(20, null).ShouldBe(SmeClass.Large);
    }

    [Theory]
    [InlineData("NZ", 20)]
    [InlineData("CN", 1000)]
    [InlineData("US", 200)]
    [InlineData("TW", 200)]
    public void SME_caps_are_the_report_figures_or_the_default_of_200(string economy, int cap)
    {
        Of(economy).SmeEmployeeCap.ShouldBe(cap);
    }

    [Fact]
    public void Every_programme_except_New_Zealand_certifies_all_roles()
    {
        Definitions.Where(d => d.EligibleRoles != OperatorRoles.None).Select(d => d.EconomyCode).ShouldBe(["NZ"]);
    }

    [Fact]
    public void Papua_New_Guinea_is_in_development_and_the_other_twenty_are_operational()
    {
        Of("PG").Status.ShouldBe(ProgrammeStatus.InDevelopment);
        Definitions.Count(d => d.Status == ProgrammeStatus.Operational).ShouldBe(20);
    }

    [Fact]
    public void Brunei_rests_on_Friday_and_Sunday()
    {
        var brunei = Of("BN");

        brunei.WeekendDays.ShouldBe([DayOfWeek.Friday, DayOfWeek.Sunday], ignoreOrder: true);
        brunei.Calendar.IsBusinessDay(Day("2026-03-06")).ShouldBeFalse();
        brunei.Calendar.IsBusinessDay(Day("2026-03-07")).ShouldBeTrue();
    }

    [Fact]
    public void Every_other_economy_rests_on_Saturday_and_Sunday()
    {
        Definitions
            .Where(d => d.EconomyCode != "BN")
            .ShouldAllBe(d => d.Calendar.Weekend.SetEquals(new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
    }
}

public class Shipped_statistics
{
    private static readonly IReadOnlyList<ProgrammeStatistic> Statistics = ReferenceData.Statistics();

    private static IEnumerable<ProgrammeStatistic> Idb => Statistics.Where(s => s.Metric == ReferenceData.IdbMetric);

    // The "AEO importers/exporters (IDB study)" column of Table 1 in shared/design/reference-data.md.
    [Theory]
    [InlineData("CL", 2)]
    [InlineData("HK", 38)]
    [InlineData("JP", 60)]
    [InlineData("VN", 69)]
    [InlineData("MY", 70)]
    [InlineData("PE", 85)]
    [InlineData("TW", 122)]
    [InlineData("NZ", 125)]
    [InlineData("TH", 182)]
    [InlineData("SG", 193)]
    [InlineData("AU", 325)]
    [InlineData("MX", 631)]
    [InlineData("CA", 2088)]
    [InlineData("CN", 3200)]
    [InlineData("US", 11579)]
    public void Each_IDB_count_matches_Table_1(string economy, int count)
    {
        var row = Idb.Where(s => s.ProgrammeCode == economy).ShouldHaveSingleItem();

        row.Count.ShouldBe(count);
        row.Source.ShouldBe(ReferenceData.Table1IdbSource);
    }

    [Fact]
    public void The_IDB_column_has_15_rows_totalling_18769()
    {
        // 2 + 38 + 60 + 69 + 70 + 85 + 122 + 125 + 182 + 193 + 325 + 631 + 2,088 + 3,200 + 11,579 = 18,769
        Idb.Count().ShouldBe(15);
        Idb.Sum(s => s.Count).ShouldBe(18_769);
    }

    [Theory]
    [InlineData("US", "AEO operators", 11586)]
    [InlineData("CN", "Advanced Certified Enterprises", 3366)]
    [InlineData("CN", "General Certified Enterprises", 30145)]
    [InlineData("KR", "Freight forwarders", 205)]
    [InlineData("NZ", "Exporters", 123)]
    [InlineData("RU", "AEO operators", 177)]
    public void WCO_compendium_counts_match_Table_1(string economy, string metric, int count)
    {
        var row = Statistics.Single(s => s.ProgrammeCode == economy && s.Metric == metric && s.Source == ReferenceData.Table1WcoSource);

        row.Count.ShouldBe(count);
    }

    [Fact]
    public void Chinese_Taipei_has_ten_role_counts_as_of_12_July_2020()
    {
        var taipei = Statistics.Where(s => s.ProgrammeCode == "TW" && s.AsOf is not null).ToList();

        taipei.Count.ShouldBe(10);
        taipei.ShouldAllBe(s => s.AsOf == new DateOnly(2020, 7, 12));
        taipei.Single(s => s.Metric == "Customs brokers").Count.ShouldBe(157);
    }

    [Fact]
    public void Certified_SMEs_total_1692_in_July_2019()
    {
        var smes = Statistics.Where(s => s.Metric == "Certified SMEs").ToList();

        smes.Count.ShouldBe(7);
        smes.Sum(s => s.Count).ShouldBe(1_692);
        smes.ShouldAllBe(s => s.AsOf == new DateOnly(2019, 7, 1) && s.Source == ReferenceData.SmeSource);
    }

    [Fact]
    public void Every_statistic_belongs_to_a_shipped_programme()
    {
        var programmes = ReferenceData.Programmes().Select(p => p.Code).ToHashSet();

        Statistics.Select(s => s.ProgrammeCode).Where(code => !programmes.Contains(code)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_statistic_has_a_positive_count_and_a_source()
    {
        Statistics.ShouldAllBe(s => s.Count > 0 && !string.IsNullOrWhiteSpace(s.Source) && !string.IsNullOrWhiteSpace(s.Metric));
    }
}
