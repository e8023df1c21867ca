using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class A_programme_benefit
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly BenefitRules Rules = new(
        ["Advanced", "General"],
        OperatorRoles.None,
        Tracks.Standard | Tracks.Sme,
        ["en", "es"]
    );

    private static BenefitDefinition Valid() =>
        new(
            BenefitKind.Customs,
            BenefitFamily.Priority,
            OperatorRoles.None,
            [],
            BenefitPlaces.Import,
            BenefitDelivery.Procedure,
            [new("en", " Priority examination ", "Examined first."), new("ES", "Examen prioritario", "Primero.")]
        );

    private static string[] Fields(Result<ProgrammeBenefit> r) => [.. r.Errors.Select(e => e.Field!)];

    [Fact]
    public void Keeps_its_words_trimmed_with_languages_in_lower_case_and_tiers_as_the_programme_spells_them()
    {
        var benefit = Succeeded(ProgrammeBenefit.Create("CN", Valid() with { Tiers = ["general", "ADVANCED", "General"] }, Rules, Now));

        benefit.Texts.ShouldBe([new("en", "Priority examination", "Examined first."), new("es", "Examen prioritario", "Primero.")]);
        benefit.Tiers.ShouldBe(["Advanced", "General"]);
        benefit.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void Is_not_an_agency_or_mra_benefit_nor_recognition_abroad_which_come_from_their_registries()
    {
        Fields(ProgrammeBenefit.Create("TW", Valid() with { Kind = BenefitKind.Oga }, Rules, Now)).ShouldBe(["kind"]);
        Fields(ProgrammeBenefit.Create("TW", Valid() with { Kind = BenefitKind.Mra }, Rules, Now)).ShouldBe(["kind"]);
        Fields(ProgrammeBenefit.Create("TW", Valid() with { Family = BenefitFamily.MutualRecognition }, Rules, Now)).ShouldBe(["family"]);
        Fields(ProgrammeBenefit.Create("TW", Valid() with { Places = BenefitPlaces.Import | BenefitPlaces.PartnerBorder }, Rules, Now))
            .ShouldBe(["places"]);
        Fields(ProgrammeBenefit.Create("TW", Valid() with { Delivery = BenefitDelivery.PartnerRecognition }, Rules, Now))
            .ShouldBe(["delivery"]);
    }

    [Theory]
    [InlineData(BenefitKind.Customs, BenefitDelivery.LaneCredit, BenefitPlaces.Import, true)]
    [InlineData(BenefitKind.Customs, BenefitDelivery.LaneCredit, BenefitPlaces.Export, false)]
    [InlineData(BenefitKind.Sme, BenefitDelivery.ExpeditedClock, BenefitPlaces.Application, true)]
    [InlineData(BenefitKind.Customs, BenefitDelivery.ExpeditedClock, BenefitPlaces.Application, false)]
    [InlineData(BenefitKind.Sme, BenefitDelivery.ExpeditedClock, BenefitPlaces.Import, false)]
    public void Is_delivered_automatically_only_where_openaeo_has_the_mechanism(
        BenefitKind kind,
        BenefitDelivery delivery,
        BenefitPlaces places,
        bool accepted
    )
    {
        var result = ProgrammeBenefit.Create("TW", Valid() with { Kind = kind, Delivery = delivery, Places = places }, Rules, Now);

        result.IsOk.ShouldBe(accepted);
        if (!accepted)
        {
            Fields(result).ShouldBe(["delivery"]);
        }
    }

    [Fact]
    public void The_expedited_clock_needs_a_programme_with_an_sme_track()
    {
        var result = ProgrammeBenefit.Create(
            "TW",
            Valid() with
            {
                Kind = BenefitKind.Sme,
                Delivery = BenefitDelivery.ExpeditedClock,
                Places = BenefitPlaces.Application,
            },
            Rules with
            {
                Tracks = Tracks.Standard,
            },
            Now
        );

        Fields(result).ShouldBe(["delivery"]);
    }

    [Fact]
    public void Names_each_field_it_refuses()
    {
        var result = ProgrammeBenefit.Create(
            "NZ",
            Valid() with
            {
                Roles = OperatorRoles.Importer | OperatorRoles.Exporter,
                Tiers = ["Gold"],
                Places = BenefitPlaces.None,
                Texts = [new("es", " ", "Algo."), new("fr", "Priorité", ""), new("es", "Otra", "Otra.")],
            },
            Rules with
            {
                EligibleRoles = OperatorRoles.Exporter,
            },
            Now
        );

        Fields(result)
            .ShouldBe([
                "places",
                "roles",
                "tiers",
                "texts[0].title",
                "texts[1].language",
                "texts[1].description",
                "texts[2].language",
                "texts",
            ]);
        result.Errors.Single(e => e.Field == "roles").Message.ShouldContain("Importer");
        result.Errors.Single(e => e.Field == "texts").Message.ShouldContain("'en'");
    }

    [Fact]
    public void A_refused_change_leaves_it_as_it_was()
    {
        var benefit = Succeeded(ProgrammeBenefit.Create("TW", Valid(), Rules, Now));

        var errors = benefit.Update(Valid() with { Family = BenefitFamily.Training, Texts = [] }, Rules, Now.AddDays(1));

        errors.Select(e => e.Field).ShouldBe(["texts"]);
        benefit.Family.ShouldBe(BenefitFamily.Priority);
        benefit.UpdatedAt.ShouldBe(Now);
    }
}

public class The_benefits_catalogue
{
    private static CatalogueEntry Entry(
        string key,
        BenefitKind kind,
        OperatorRoles roles,
        string[] tiers,
        BenefitFamily family = BenefitFamily.Priority,
        BenefitDelivery delivery = BenefitDelivery.Procedure
    ) => new(key, kind, family, roles, tiers, BenefitPlaces.Import, delivery, [new("en", key, "")]);

    [Theory]
    [InlineData(OperatorRoles.None, null, "all,importers,advanced,exporters")]
    [InlineData(OperatorRoles.Importer, null, "all,importers,advanced")]
    [InlineData(OperatorRoles.Importer, "general", "all,importers")]
    [InlineData(OperatorRoles.Exporter, "ADVANCED", "all,exporters")]
    [InlineData(OperatorRoles.Courier, null, "all")]
    public void Keeps_what_is_for_every_role_or_tier_and_what_is_tagged_for_the_visitors(OperatorRoles role, string? tier, string expected)
    {
        CatalogueEntry[] entries =
        [
            Entry("all", BenefitKind.Customs, OperatorRoles.None, []),
            Entry("importers", BenefitKind.Customs, OperatorRoles.Importer | OperatorRoles.CustomsBroker, []),
            Entry("advanced", BenefitKind.Customs, OperatorRoles.Importer, ["Advanced"]),
            Entry("exporters", BenefitKind.Customs, OperatorRoles.Exporter, []),
        ];

        string.Join(",", BenefitCatalogue.Filter(entries, role, tier).Select(e => e.Key)).ShouldBe(expected);
    }

    [Fact]
    public void Lists_customs_then_sme_then_agency_then_mra_benefits()
    {
        var composed = BenefitCatalogue.Compose(
            [],
            [Entry("agency:FDA:0", BenefitKind.Oga, OperatorRoles.None, [])],
            [
                Entry("mra:1:0", BenefitKind.Mra, OperatorRoles.None, []),
                Entry("benefit:9", BenefitKind.Sme, OperatorRoles.None, []),
                Entry("benefit:8", BenefitKind.Customs, OperatorRoles.None, []),
            ]
        );

        composed.Select(e => e.Key).ShouldBe(["benefit:8", "benefit:9", "agency:FDA:0", "mra:1:0"]);
    }

    [Fact]
    public void Highlights_one_benefit_a_family_those_delivered_automatically_first()
    {
        CatalogueEntry[] entries =
        [
            Entry("priority", BenefitKind.Customs, OperatorRoles.None, [], BenefitFamily.Priority),
            Entry("controls-procedure", BenefitKind.Customs, OperatorRoles.None, [], BenefitFamily.FewerControls),
            Entry("controls-automatic", BenefitKind.Oga, OperatorRoles.None, [], BenefitFamily.FewerControls, BenefitDelivery.AgencyCredit),
            Entry("training", BenefitKind.Sme, OperatorRoles.None, [], BenefitFamily.Training),
        ];

        BenefitCatalogue.Highlights(entries, 2).Select(e => e.Key).ShouldBe(["controls-automatic", "priority"]);
    }

    [Fact]
    public void Reads_words_in_the_visitors_language_else_the_fallback()
    {
        var entry = Entry("x", BenefitKind.Customs, OperatorRoles.None, []) with
        {
            Texts = [new("en", "Priority", ""), new("es", "Prioridad", "")],
        };

        entry.TextIn("ES", "en").Title.ShouldBe("Prioridad");
        entry.TextIn("fr", "en").Title.ShouldBe("Priority");
    }

    [Fact]
    public void Shows_an_agencys_benefits_as_automatic_where_selectivity_applies_them()
    {
        var agency = new Agency(
            "FDA",
            "Food and Drug Administration",
            [
                new(AgencyBenefitFamily.RecognitionOfAeoStandards, "No documentary check."),
                new(AgencyBenefitFamily.FewerInspectionsPriorityFees, "Fewer samples."),
                new(AgencyBenefitFamily.OtherSupport, "A help desk."),
            ],
            1.0
        );

        var entries = AgencyCatalogue.Entries(agency, "en").ToList();

        entries.Select(e => e.Delivery).ShouldBe([BenefitDelivery.AgencyCredit, BenefitDelivery.Procedure, BenefitDelivery.Procedure]);
        AgencyCatalogue
            .Entries(agency with { AeoInspectionFactor = 0.25 }, "en")
            .ElementAt(1)
            .Delivery.ShouldBe(BenefitDelivery.AgencyCredit);
        entries.ShouldAllBe(e => e.Kind == BenefitKind.Oga && e.Source == "FDA" && e.Texts[0].Title == "Food and Drug Administration");
    }

    [Fact]
    public void Shows_an_mras_benefits_only_on_the_days_it_is_in_force_and_only_to_its_parties()
    {
        var terms = new MraTerms(
            "MRA-3",
            ["TW", "JP"],
            null,
            new DateOnly(2019, 5, 22),
            new DateOnly(2026, 6, 1),
            null,
            OperatorRoles.Exporter,
            ["Advanced"]
        );

        var entries = MraCatalogue
            .Entries("TW", 3, "Chinese Taipei–Japan", terms, ["Fewer inspections.", "Priority."], new DateOnly(2026, 3, 2), "en")
            .ToList();

        entries.Select(e => e.Key).ShouldBe(["mra:3:0", "mra:3:1"]);
        entries.ShouldAllBe(e =>
            e.Partners!.SequenceEqual(new[] { "JP" }) && e.Roles == OperatorRoles.Exporter && e.Tiers.Single() == "Advanced" && e.Automatic
        );
        MraCatalogue.Entries("TW", 3, "x", terms, ["Fewer inspections."], new DateOnly(2026, 6, 1), "en").ShouldBeEmpty();
        MraCatalogue.Entries("KR", 3, "x", terms, ["Fewer inspections."], new DateOnly(2026, 3, 2), "en").ShouldBeEmpty();
        MraCatalogue.Entries("TW", 3, "x", terms, [], new DateOnly(2026, 3, 2), "en").Single().Texts[0].Description.ShouldBe("");
    }
}
