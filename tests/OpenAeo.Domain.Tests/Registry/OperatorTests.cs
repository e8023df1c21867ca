using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Registering_an_operator
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Economy_defaults_to_the_TIN_prefix(string? economy)
    {
        var registered = RegisteredOperator("TW12345678", ValidDetails with { EconomyCode = economy });

        registered.EconomyCode.ShouldBe("TW");
    }

    [Fact]
    public void A_matching_economy_is_normalised_to_upper_case()
    {
        RegisteredOperator(NzTin, ValidDetails with { EconomyCode = " nz " }).EconomyCode.ShouldBe("NZ");
    }

    [Fact]
    public void Legal_name_and_sector_are_trimmed()
    {
        var registered = RegisteredOperator(details: ValidDetails with { LegalName = "  Kiwi Exports Ltd \t", Sector = " Dairy  " });

        registered.LegalName.ShouldBe("Kiwi Exports Ltd");
        registered.Sector.ShouldBe("Dairy");
    }

    [Fact]
    public void A_blank_sector_is_stored_as_none()
    {
        RegisteredOperator(details: ValidDetails with { Sector = "   " }).Sector.ShouldBeNull();
    }

    [Fact]
    public void The_details_and_the_registration_time_are_kept()
    {
        var registered = RegisteredOperator(
            details: ValidDetails with
            {
                Roles = OperatorRoles.Exporter | OperatorRoles.CustomsBroker,
                Employees = 0,
                Turnover = 0m,
                ConsentToExchange = false,
            }
        );

        registered.Tin.Value.ShouldBe(NzTin);
        registered.Roles.ShouldBe(OperatorRoles.Exporter | OperatorRoles.CustomsBroker);
        registered.Employees.ShouldBe(0);
        registered.Turnover.ShouldBe(0m);
        registered.ConsentToExchange.ShouldBeFalse();
        registered.RegisteredAt.ShouldBe(Now);
        registered.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void A_legal_name_of_the_maximum_length_is_accepted()
    {
        var name = new string('a', Limits.LegalName.MaxLength);

        RegisteredOperator(details: ValidDetails with { LegalName = name }).LegalName.ShouldBe(name);
    }

    [Fact]
    public void Details_reflect_the_normalised_values()
    {
        var registered = RegisteredOperator(details: ValidDetails with { LegalName = " Kiwi Exports Ltd " });

        registered.Details.ShouldBe(ValidDetails with { EconomyCode = "NZ" });
    }
}

public class Registration_rejects_invalid_details
{
    private static OpenAeo.Domain.Shared.Result<Operator> Register(OperatorDetails details, string tin = NzTin) =>
        Operator.Register(ParseTin(tin), details, KnownEconomies, Now);

    [Fact]
    public void An_economy_other_than_the_TIN_prefix_is_an_error()
    {
        var error = SingleError(Register(ValidDetails with { EconomyCode = "US" }));

        error.Code.ShouldBe("operator.economy");
        error.Field.ShouldBe("economy");
        error.Message.ShouldContain("NZ");
        error.Message.ShouldContain("US");
    }

    [Fact]
    public void An_economy_that_is_not_in_the_registry_is_an_error()
    {
        var error = SingleError(Register(ValidDetails with { EconomyCode = "ZZ" }));

        error.Code.ShouldBe("operator.economy");
        error.Message.ShouldContain("'ZZ'");
    }

    [Fact]
    public void A_TIN_from_an_economy_that_is_not_in_the_registry_is_an_error()
    {
        SingleError(Register(ValidDetails, tin: "ZZ123")).Code.ShouldBe("operator.economy");
    }

    [Fact]
    public void An_operator_without_roles_is_an_error()
    {
        var error = SingleError(Register(ValidDetails with { Roles = OperatorRoles.None }));

        error.Code.ShouldBe("operator.roles");
        error.Field.ShouldBe("roles");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_legal_name_is_an_error(string name)
    {
        SingleError(Register(ValidDetails with { LegalName = name })).Code.ShouldBe("operator.legalName");
    }

    [Fact]
    public void A_legal_name_over_the_maximum_length_is_an_error()
    {
        var error = SingleError(Register(ValidDetails with { LegalName = new string('a', Limits.LegalName.MaxLength + 1) }));

        error.Code.ShouldBe("operator.legalName");
    }

    [Fact]
    public void Negative_employees_is_an_error()
    {
        var error = SingleError(Register(ValidDetails with { Employees = -1 }));

        error.Code.ShouldBe("operator.employees");
        error.Field.ShouldBe("employees");
    }

    [Fact]
    public void Negative_turnover_is_an_error()
    {
        SingleError(Register(ValidDetails with { Turnover = -0.01m })).Code.ShouldBe("operator.turnover");
    }

    [Fact]
    public void A_sector_over_100_characters_is_an_error()
    {
        SingleError(Register(ValidDetails with { Sector = new string('s', 101) })).Code.ShouldBe("operator.sector");
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var result = Register(
            ValidDetails with
            {
                LegalName = " ",
                EconomyCode = "US",
                Roles = OperatorRoles.None,
                Employees = -5,
                Turnover = -1m,
            }
        );

        result.IsOk.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result
            .Errors.Select(e => e.Code)
            .ShouldBe(
                ["operator.legalName", "operator.economy", "operator.roles", "operator.employees", "operator.turnover"],
                ignoreOrder: true
            );
    }
}

public class Updating_an_operator
{
    [Fact]
    public void Only_the_changed_fields_are_returned_with_their_before_and_after_values()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(registered.Update(ValidDetails with { Employees = 25, Sector = "Horticulture" }, KnownEconomies, Later));

        changes.ShouldBe([new FieldChange("employees", "12", "25"), new FieldChange("sector", "Dairy", "Horticulture")]);
        registered.Employees.ShouldBe(25);
        registered.Sector.ShouldBe("Horticulture");
    }

    [Fact]
    public void Role_changes_are_recorded_as_role_lists()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(
            registered.Update(ValidDetails with { Roles = OperatorRoles.Importer | OperatorRoles.Exporter }, KnownEconomies, Later)
        );

        changes.ShouldHaveSingleItem().ShouldBe(new FieldChange("roles", "Exporter", "Importer;Exporter"));
    }

    [Fact]
    public void Legal_name_and_consent_changes_are_recorded()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(
            registered.Update(ValidDetails with { LegalName = " Kiwi Exports Limited ", ConsentToExchange = false }, KnownEconomies, Later)
        );

        changes.ShouldBe([
            new FieldChange("legalName", "Kiwi Exports Ltd", "Kiwi Exports Limited"),
            new FieldChange("consentToExchange", "true", "false"),
        ]);
    }

    [Fact]
    public void Clearing_a_value_is_recorded_with_no_after_value()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(registered.Update(ValidDetails with { Employees = null, Sector = " " }, KnownEconomies, Later));

        changes.ShouldBe([new FieldChange("employees", "12", null), new FieldChange("sector", "Dairy", null)]);
        registered.Employees.ShouldBeNull();
        registered.Sector.ShouldBeNull();
    }

    [Fact]
    public void The_same_turnover_with_another_scale_is_not_a_change()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(registered.Update(ValidDetails with { Turnover = 1_500_000.00m }, KnownEconomies, Later));

        changes.ShouldBeEmpty();
        registered.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void A_turnover_change_is_recorded_in_invariant_format()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(registered.Update(ValidDetails with { Turnover = 2_500_000.5m }, KnownEconomies, Later));

        changes.ShouldHaveSingleItem().ShouldBe(new FieldChange("turnover", "1500000", "2500000.5"));
    }

    [Fact]
    public void A_change_moves_UpdatedAt_but_not_RegisteredAt()
    {
        var registered = RegisteredOperator();

        Succeeded(registered.Update(ValidDetails with { Employees = 13 }, KnownEconomies, Later));

        registered.UpdatedAt.ShouldBe(Later);
        registered.RegisteredAt.ShouldBe(Now);
    }

    [Fact]
    public void Submitting_the_same_details_changes_nothing_and_keeps_UpdatedAt()
    {
        var registered = RegisteredOperator();

        var changes = Succeeded(
            registered.Update(ValidDetails with { LegalName = "  Kiwi Exports Ltd  ", EconomyCode = "nz" }, KnownEconomies, Later)
        );

        changes.ShouldBeEmpty();
        registered.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void The_current_details_can_be_submitted_unchanged()
    {
        var registered = RegisteredOperator();

        Succeeded(registered.Update(registered.Details, KnownEconomies, Later)).ShouldBeEmpty();
    }

    [Fact]
    public void Invalid_details_leave_the_operator_unchanged()
    {
        var registered = RegisteredOperator();
        var before = registered.Details;

        var result = registered.Update(
            ValidDetails with
            {
                LegalName = "Renamed Ltd",
                Employees = 40,
                Roles = OperatorRoles.None,
            },
            KnownEconomies,
            Later
        );

        result.IsOk.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Code.ShouldBe("operator.roles");
        registered.Details.ShouldBe(before);
        registered.UpdatedAt.ShouldBe(Now);
    }

    [Fact]
    public void The_economy_cannot_move_away_from_the_TIN_prefix()
    {
        var registered = RegisteredOperator();

        var result = registered.Update(ValidDetails with { EconomyCode = "AU" }, KnownEconomies, Later);

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe("operator.economy");
        registered.EconomyCode.ShouldBe("NZ");
    }
}

public class Operator_sme_class
{
    [Theory]
    [InlineData(19, SmeClass.Sme)]
    [InlineData(20, SmeClass.Large)]
    public void The_programme_definition_classifies_the_operator(int employees, SmeClass expected)
    {
        var registered = RegisteredOperator(details: ValidDetails with { Employees = employees });

        registered.SmeClass(new SmeDefinition(20)).ShouldBe(expected);
    }

    [Fact]
    public void Without_a_definition_the_class_is_unknown()
    {
        RegisteredOperator(details: ValidDetails with { Employees = 3 }).SmeClass(null).ShouldBe(SmeClass.Unknown);
    }
}
