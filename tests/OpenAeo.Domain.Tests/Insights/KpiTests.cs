using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Insights;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Insights;

public class The_KPIs
{
    // March 2026: Monday the 2nd; a holiday on Wednesday the 11th. The programme is in Taipei (UTC+8, no daylight saving).
    private static readonly BusinessCalendar Calendar = new(
        new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday },
        new HashSet<(int, int)>(),
        new HashSet<DateOnly> { new(2026, 3, 11) }
    );

    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    private static readonly KpiProgramme Programme = new(
        "TW",
        Taipei,
        Calendar,
        new SmeDefinition(200),
        SlaPolicy.Default,
        ProgrammeOfficers: 2
    );

    private static readonly KpiPeriod March = new(new Month(2026, 3), new Month(2026, 3));

    private static readonly DateOnly Today = new(2026, 12, 5);

    private static DateOnly Mar(int day) => new(2026, 3, day);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);

    /// <summary>An application from its steps: (day, action, to, clock runs).</summary>
    private static KpiApplication Application(
        int id,
        string tin,
        Track track,
        params (DateOnly Day, ApplicationAction Action, ApplicationState To, bool Runs)[] steps
    )
    {
        var events = new List<ApplicationEvent>
        {
            new(At(steps[0].Day).AddMinutes(-1), steps[0].Day, "t", Side.Applicant, "Started", null, ApplicationState.Draft, false, null),
        };
        var state = ApplicationState.Draft;
        var i = 0;
        foreach (var (day, action, to, runs) in steps)
        {
            events.Add(new ApplicationEvent(At(day).AddSeconds(i++), day, "t", Side.Customs, action.ToString(), state, to, runs, null));
            state = to;
        }

        return new KpiApplication(id, tin, track, steps[0].Day, false, "manager", events, []);
    }

    private static KpiValue Value(
        IReadOnlyList<KpiValue> values,
        string kpi,
        string? month = null,
        string by = "all",
        string group = "all",
        string? detail = null
    ) => values.Single(v => v.Kpi == kpi && v.Month == month && v.By == by && v.Group == group && v.Detail == detail);

    private static readonly KpiOperator Micro = new("TW1", Mar(1).AddYears(-1), 5, null, "Machinery", OperatorRoles.Importer);
    private static readonly KpiOperator Medium = new(
        "TW2",
        Mar(1).AddYears(-1),
        120,
        null,
        "Machinery",
        OperatorRoles.Importer | OperatorRoles.Exporter
    );
    private static readonly KpiOperator Large = new("TW3", Mar(1).AddYears(-1), 900, null, null, OperatorRoles.CustomsBroker);

    [Fact]
    public void Days_to_decision_are_counted_as_the_SLA_clock_counts_them_without_pauses_and_holidays()
    {
        // Submitted Tue 3rd; paused Fri 6th (Tue, Wed, Thu used = 3); resumed Thu 12th (the 11th is a holiday);
        // granted Mon 16th (Thu, Fri used = 2): 5 business days. The pause took Fri 6, Mon 9, Tue 10 = 3 business days.
        var paused = Application(
            1,
            "TW1",
            Track.Sme,
            (Mar(3), ApplicationAction.Submit, ApplicationState.Submitted, true),
            (Mar(4), ApplicationAction.StartReview, ApplicationState.UnderReview, true),
            (Mar(6), ApplicationAction.AcceptPause, ApplicationState.Paused, false),
            (Mar(12), ApplicationAction.Resume, ApplicationState.UnderReview, true),
            (Mar(16), ApplicationAction.Grant, ApplicationState.Granted, false)
        );

        // Submitted Mon 2nd, rejected Tue 17th: 2..16 minus the weekends and the 11th = 10 business days.
        var plain = Application(
            2,
            "TW3",
            Track.Standard,
            (Mar(2), ApplicationAction.Submit, ApplicationState.Submitted, true),
            (Mar(17), ApplicationAction.Reject, ApplicationState.Rejected, false)
        ) with
        {
            RejectionCodes = ["RECORDS", "SECURITY"],
        };

        var values = Kpis.Compute(
            new KpiInput(Programme, [Micro, Large], [], [paused, plain]),
            March,
            [KpiDimension.Size, KpiDimension.Track],
            Today
        );

        Value(values, KpiCatalogue.DaysToDecisionMedian).Value.ShouldBe(7.5);
        Value(values, KpiCatalogue.DaysToDecisionP90).Value.ShouldBe(9.5);
        Value(values, KpiCatalogue.DaysToDecisionMedian, by: "size", group: "micro").Value.ShouldBe(5);
        Value(values, KpiCatalogue.DaysToDecisionMedian, by: "track", group: "standard").Value.ShouldBe(10);
        Value(values, KpiCatalogue.DaysToDecisionMedian, month: "2026-03").N.ShouldBe(2);
        Value(values, KpiCatalogue.SlaMetShare).Value.ShouldBe(1);
        Value(values, KpiCatalogue.PauseShare).Value.ShouldBe(0.5);
        Value(values, KpiCatalogue.PauseDaysMedian).Value.ShouldBe(3);
        Value(values, KpiCatalogue.RejectionsByReason, detail: "RECORDS").Value.ShouldBe(1);
        Value(values, KpiCatalogue.RejectionsByReason, by: "size", group: "large", detail: "SECURITY").N.ShouldBe(1);
        values.ShouldNotContain(v => v.Kpi == KpiCatalogue.RejectionsByReason && v.Group == "micro");
    }

    [Fact]
    public void An_application_over_its_limit_misses_the_SLA_and_an_information_request_extends_the_limit()
    {
        // SME limit 60 business days; decided after 61; the second one had an information request: limit 90.
        var start = new DateOnly(2026, 1, 5);
        var late = Calendar.AddBusinessDays(start.AddDays(-1), 62);
        var over = Application(
            1,
            "TW1",
            Track.Sme,
            (start, ApplicationAction.Submit, ApplicationState.Submitted, true),
            (late, ApplicationAction.Grant, ApplicationState.Granted, false)
        );
        var extended = Application(
            2,
            "TW1",
            Track.Sme,
            (start, ApplicationAction.Submit, ApplicationState.Submitted, true),
            (start.AddDays(1), ApplicationAction.RequestInformation, ApplicationState.InformationRequested, false),
            (start.AddDays(1), ApplicationAction.AnswerInformation, ApplicationState.UnderReview, true),
            (late, ApplicationAction.Grant, ApplicationState.Granted, false)
        );
        var period = new KpiPeriod(Month.Of(late), Month.Of(late));

        var values = Kpis.Compute(new KpiInput(Programme, [Micro], [], [over, extended]), period, [], Today);

        Value(values, KpiCatalogue.DaysToDecisionMedian).Value.ShouldBe(61);
        Value(values, KpiCatalogue.SlaMetShare).Value.ShouldBe(0.5);
        Value(values, KpiCatalogue.InformationRequestsPerApplication).Value.ShouldBe(0.5);
    }

    [Fact]
    public void The_pipeline_counts_each_step_in_its_month_and_withdrawals_by_how_they_ended()
    {
        var withdrawn = Application(
            1,
            "TW1",
            Track.Sme,
            (Mar(2), ApplicationAction.RequestConsultation, ApplicationState.PriorConsultation, false),
            (Mar(31), ApplicationAction.Withdraw, ApplicationState.Withdrawn, false)
        );
        var lapsed = Application(
            2,
            "TW2",
            Track.Sme,
            (new DateOnly(2026, 2, 2), ApplicationAction.Submit, ApplicationState.Submitted, true),
            (new DateOnly(2026, 2, 9), ApplicationAction.AcceptPause, ApplicationState.Paused, false),
            (Mar(20), ApplicationAction.Lapse, ApplicationState.Withdrawn, false)
        );
        var granted = Application(
            3,
            "TW3",
            Track.Standard,
            (new DateOnly(2026, 1, 5), ApplicationAction.RequestConsultation, ApplicationState.PriorConsultation, false),
            (new DateOnly(2026, 2, 2), ApplicationAction.Submit, ApplicationState.Submitted, true),
            (Mar(10), ApplicationAction.Grant, ApplicationState.Granted, false)
        );
        var period = new KpiPeriod(new Month(2026, 2), new Month(2026, 3));

        var values = Kpis.Compute(
            new KpiInput(Programme, [Micro, Medium, Large], [], [withdrawn, lapsed, granted]),
            period,
            [KpiDimension.Track],
            Today
        );

        Value(values, KpiCatalogue.Started, "2026-03").Value.ShouldBe(1);
        Value(values, KpiCatalogue.Started).Value.ShouldBe(2);
        Value(values, KpiCatalogue.Submitted, "2026-02").Value.ShouldBe(2);
        Value(values, KpiCatalogue.Submitted, "2026-03").Value.ShouldBe(0);
        Value(values, KpiCatalogue.Withdrawn, "2026-03").Value.ShouldBe(2);
        Value(values, KpiCatalogue.WithdrawalsByReason, detail: "lapsed").Value.ShouldBe(1);
        Value(values, KpiCatalogue.WithdrawalsByReason, detail: "withdrawn:PriorConsultation").Value.ShouldBe(1);
        Value(values, KpiCatalogue.Granted, "2026-03", by: "track", group: "standard").Value.ShouldBe(1);
        Value(values, KpiCatalogue.Granted, "2026-03", by: "track", group: "sme").Value.ShouldBe(0);

        // Two consulted applications closed in March: one granted, one withdrawn.
        Value(values, KpiCatalogue.ConsultationToGrant, "2026-03").Value.ShouldBe(0.5);
        Value(values, KpiCatalogue.ConsultationToGrant, "2026-02").Value.ShouldBeNull();

        // Open at the end of February: the two started by then; none at the end of March.
        Value(values, KpiCatalogue.OpenApplicationsPerManager, "2026-02", detail: "manager").Value.ShouldBe(2);
        values.ShouldNotContain(v => v.Kpi == KpiCatalogue.OpenApplicationsPerManager && v.Month == "2026-03");
        Value(values, KpiCatalogue.OpenApplicationsPerProgrammeOfficer, "2026-02").Value.ShouldBe(1);
    }

    [Fact]
    public void AEOs_are_counted_on_the_last_day_from_certificates_that_start_end_or_are_suspended_inside_the_period()
    {
        CertificateEvent Event(CertificateEventKind kind, DateOnly day) => new(kind, day, At(day), "t", null);

        // Valid until 15 March: expired on the 16th.
        var ending = new KpiCertificate(
            1,
            "TW1",
            new DateOnly(2024, 3, 16),
            Mar(15),
            false,
            "m1",
            [Event(CertificateEventKind.Expired, Mar(16))]
        );

        // Its renewal starts on the 16th.
        var renewal = new KpiCertificate(2, "TW1", Mar(16), new DateOnly(2028, 3, 15), true, "m1", []);

        // Suspended on 5 March and reinstated on 20 March: in force at the end of the month, not at the 10th.
        var suspended = new KpiCertificate(
            3,
            "TW2",
            new DateOnly(2025, 1, 1),
            null,
            false,
            "m2",
            [Event(CertificateEventKind.Suspended, Mar(5)), Event(CertificateEventKind.Reinstated, Mar(20))]
        );

        // Granted in March, revoked on 31 March.
        var revoked = new KpiCertificate(4, "TW3", Mar(2), null, false, null, [Event(CertificateEventKind.Revoked, Mar(31))]);

        var input = new KpiInput(Programme, [Micro, Medium, Large], [ending, renewal, suspended, revoked], []);
        var values = Kpis.Compute(input, March, [KpiDimension.Size, KpiDimension.Role], Today);

        Value(values, KpiCatalogue.Operators).Value.ShouldBe(3);
        Value(values, KpiCatalogue.Aeos).Value.ShouldBe(2);
        Value(values, KpiCatalogue.AeoShare).Value.ShouldBe(2.0 / 3);
        Value(values, KpiCatalogue.SmeShareOfAeos).Value.ShouldBe(1);
        Value(values, KpiCatalogue.CertificatesNew).Value.ShouldBe(1);
        Value(values, KpiCatalogue.Renewals).Value.ShouldBe(1);
        Value(values, KpiCatalogue.Suspensions).Value.ShouldBe(1);
        Value(values, KpiCatalogue.Revocations).Value.ShouldBe(1);
        Value(values, KpiCatalogue.Expiries).Value.ShouldBe(1);
        Value(values, KpiCatalogue.Aeos, by: "size", group: "medium").Value.ShouldBe(1);
        Value(values, KpiCatalogue.Aeos, by: "role", group: "Exporter").Value.ShouldBe(1);
        Value(values, KpiCatalogue.Aeos, by: "role", group: "Importer").Value.ShouldBe(2);
        Value(values, KpiCatalogue.AeosPerManager, detail: "m1").Value.ShouldBe(1);
        Value(values, KpiCatalogue.AeosPerProgrammeOfficer).Value.ShouldBe(1);
        suspended.InForceOn(Mar(10)).ShouldBeFalse();
        suspended.InForceOn(Mar(20)).ShouldBeTrue();
        ending.InForceOn(Mar(15)).ShouldBeTrue();
        ending.InForceOn(Mar(16)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(9, null, SizeClass.Micro)]
    [InlineData(10, null, SizeClass.Small)]
    [InlineData(49, null, SizeClass.Small)]
    [InlineData(50, null, SizeClass.Medium)]
    [InlineData(199, null, SizeClass.Medium)]
    [InlineData(200, null, SizeClass.Large)]
    [InlineData(5, 2_000_000_000.0, SizeClass.Large)]
    [InlineData(null, null, SizeClass.Unknown)]
    public void Size_classes_follow_the_programme_s_SME_definition(int? employees, double? turnover, SizeClass expected) =>
        SizeClasses.Classify(new SmeDefinition(200, 1_000_000_000m, "TWD"), employees, (decimal?)turnover).ShouldBe(expected);

    [Fact]
    public void A_declaration_belongs_to_the_month_of_its_lodgement_in_the_programme_s_zone()
    {
        // 31 March 16:30 UTC is 1 April 00:30 in Taipei; 31 March 15:30 UTC is still 31 March there.
        var april = new KpiDeclaration(
            new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 31, 18, 30, 0, TimeSpan.Zero),
            Lane.Red,
            true,
            true,
            null,
            null,
            false,
            0
        );
        var march = new KpiDeclaration(
            new DateTimeOffset(2026, 3, 31, 15, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero),
            Lane.Green,
            false,
            false,
            RecognitionResult.RecognisedUnderMra,
            "MRA-3",
            true,
            1
        );
        var period = new KpiPeriod(new Month(2026, 3), new Month(2026, 4));

        var values = BorderKpis.Compute([april, march], period, Taipei);

        Value(values, KpiCatalogue.Declarations, "2026-04", detail: "all").Value.ShouldBe(1);
        Value(values, KpiCatalogue.ExaminationRate, "2026-04", detail: "aeo").Value.ShouldBe(1);
        Value(values, KpiCatalogue.ExaminationRate, "2026-03", detail: "non_aeo").Value.ShouldBe(0);
        Value(values, KpiCatalogue.ReleaseHoursMedian, detail: "all").Value.ShouldBe(1.5);
        Value(values, KpiCatalogue.ReleaseHoursMedian, detail: "mra:MRA-3").Value.ShouldBe(1);
        Value(values, KpiCatalogue.LaneShare, detail: "Red").Value.ShouldBe(0.5);
        Value(values, KpiCatalogue.RandomSelections, "2026-03").Value.ShouldBe(1);
        Value(values, KpiCatalogue.OgaWaivers).Value.ShouldBe(1);

        // In UTC months both would be March.
        BorderKpis.Compute([april, march], period, TimeZoneInfo.Utc).ShouldNotContain(v => v.Month == "2026-04");
    }

    [Fact]
    public void An_application_started_late_on_the_last_UTC_day_of_a_month_counts_in_the_next_local_month()
    {
        var started = new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero);
        var day = OpenAeo.Domain.Shared.CalendarDays.DayOf(started, Taipei);
        var application = new KpiApplication(
            1,
            "TW1",
            Track.Sme,
            day,
            false,
            null,
            [new ApplicationEvent(started, day, "t", Side.Applicant, "Started", null, ApplicationState.Draft, false, null)],
            []
        );

        var values = Kpis.Compute(
            new KpiInput(Programme, [Micro], [], [application]),
            new KpiPeriod(new Month(2026, 3), new Month(2026, 4)),
            [],
            Today
        );

        Value(values, KpiCatalogue.Started, "2026-03").Value.ShouldBe(0);
        Value(values, KpiCatalogue.Started, "2026-04").Value.ShouldBe(1);
    }

    [Theory]
    [InlineData("2026-13", "2026-12", "from")]
    [InlineData("2026-05", "2026-04", "to")]
    [InlineData("2026-05", "", "to")]
    [InlineData("2000-01", "2026-01", "to")]
    public void A_period_is_refused_in_words_naming_the_field(string from, string to, string field) =>
        KpiPeriod.Create(from, to).Errors.ShouldContain(e => e.Field == field);

    [Fact]
    public void Breakdowns_are_named_in_words()
    {
        Kpis.ParseDimensions(["size,track", "role"], out var error).ShouldBe([KpiDimension.Size, KpiDimension.Track, KpiDimension.Role]);
        error.ShouldBeNull();
        Kpis.ParseDimensions(["colour"], out error).ShouldBeEmpty();
        error.ShouldNotBeNull().ShouldContain("colour");
    }
}

public class MRA_indicators
{
    private static BorderKpis.Cell Cell(string group, long declarations, long examined, double? medianHours) =>
        new(null, group, declarations, examined, declarations, medianHours * BorderKpis.MicrosPerHour, 0, 0, 0, 0, 0, 0);

    private static readonly BorderKpis.Cell[] Cells =
    [
        Cell(BorderKpis.OfMra("MRA-3"), 200, 6, 2),
        Cell(BorderKpis.OtherConsignors, 1000, 100, 5),
        Cell(BorderKpis.OfMra("MRA-4"), 0, 0, null),
    ];

    [Theory]
    [InlineData(IndicatorMeasure.ExaminationRate, 0.03)]
    [InlineData(IndicatorMeasure.ExaminationRatio, 0.3)]
    [InlineData(IndicatorMeasure.ReleaseHours, 2.0)]
    [InlineData(IndicatorMeasure.ReleaseRatio, 0.4)]
    public void Are_the_border_KPIs_of_the_partner_s_recognised_consignors(IndicatorMeasure measure, double expected) =>
        MraIndicators.Value(measure, "MRA-3", Cells, null)!.Value.ShouldBe(expected, 1e-12);

    [Fact]
    public void Say_met_not_met_no_data_or_unmeasured()
    {
        var rule = IndicatorRule.Parse("examination_ratio <= 0.5").Value!;
        MraIndicators.Status(rule, MraIndicators.Value(rule.Measure, "MRA-3", Cells, null)).ShouldBe(IndicatorStatus.Met);
        MraIndicators.Status(rule with { Threshold = 0.2 }, 0.3).ShouldBe(IndicatorStatus.NotMet);
        MraIndicators.Status(rule, MraIndicators.Value(rule.Measure, "MRA-4", Cells, null)).ShouldBe(IndicatorStatus.NoData);
        MraIndicators.Status(null, 0.1).ShouldBe(IndicatorStatus.Unmeasured);
        MraIndicators.Status(IndicatorRule.Parse("exchange_freshness_hours >= 24").Value!, 30).ShouldBe(IndicatorStatus.Met);
        MraIndicators.Value(IndicatorMeasure.ExchangeFreshnessHours, "MRA-3", Cells, 7.5).ShouldBe(7.5);
    }

    [Theory]
    [InlineData("examination_ratio < 0.5")]
    [InlineData("colour <= 1")]
    [InlineData("release_hours <= -1")]
    [InlineData("release_hours <= NaN")]
    [InlineData("")]
    public void A_rule_that_does_not_read_is_refused_in_words(string text) =>
        IndicatorRule.Parse(text).Errors.ShouldHaveSingleItem().Message.ShouldContain("examination_ratio <= 0.5");

    [Fact]
    public void A_rule_reads_back_as_written() =>
        IndicatorRule.Parse(" release_ratio   >=  1.25 ").Value!.ToString().ShouldBe("release_ratio >= 1.25");
}

public class The_public_summary
{
    private static KpiValue V(string kpi, double value, string? detail = null) =>
        new(kpi, null, Kpis.All, Kpis.All, detail, value, (long)value);

    private static List<KpiValue> Values(int aeos, double smeShare, int decided, int aeoImporters, int otherImporters) =>
        [
            V(KpiCatalogue.Aeos, aeos),
            V(KpiCatalogue.SmeShareOfAeos, smeShare),
            V(KpiCatalogue.ApplicantsDecided, decided),
            V(KpiCatalogue.DaysToDecisionMedian, 31),
            V(KpiCatalogue.Importers, aeoImporters, BorderKpis.Aeo),
            V(KpiCatalogue.Importers, otherImporters, BorderKpis.NonAeo),
            V(KpiCatalogue.ExaminationRate, 0.04, BorderKpis.Aeo),
            V(KpiCatalogue.ExaminationRate, 0.1, BorderKpis.NonAeo),
            new(KpiCatalogue.Aeos, "2026-01", Kpis.All, Kpis.All, null, 2, 2),
        ];

    [Fact]
    public void Shows_the_headline_figures_of_groups_of_five_or_more()
    {
        var figures = PublicSummary.From(Values(20, 0.75, 5, 5, 40));

        figures.ShouldAllBe(f => f.Withheld == null);
        figures.Select(f => f.Value).ShouldBe([20, 0.75, 31, 0.04, 0.1]);
    }

    [Fact]
    public void Withholds_in_words_every_figure_about_fewer_than_five_operators()
    {
        // 4 AEOs; 16 of 20 AEOs are SMEs but only 4 are not (the share would reveal them); 4 applicants; 4 AEO importers.
        PublicSummary.From(Values(4, 0.75, 9, 9, 9))[0].Withheld.ShouldNotBeNull().ShouldContain("fewer than 5");
        var figures = PublicSummary.From(Values(20, 0.8, 4, 4, 9));
        figures[1].Withheld.ShouldNotBeNull();
        figures[1].Value.ShouldBeNull();
        figures[2].Withheld.ShouldNotBeNull();
        figures[3].Withheld.ShouldNotBeNull();
        figures[4].Withheld.ShouldNotBeNull();
        figures[4].Value.ShouldBeNull();
        figures[0].Withheld.ShouldBeNull();
    }
}
