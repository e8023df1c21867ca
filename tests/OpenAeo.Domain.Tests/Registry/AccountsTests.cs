using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

public class Creating_a_user_account
{
    [Fact]
    public void The_name_is_trimmed_and_lower_cased()
    {
        var account = Succeeded(UserAccount.Create("  Alice.Smith@Customs ", null, Role.Admin, null, null, Now));

        account.Name.ShouldBe("alice.smith@customs");
    }

    [Fact]
    public void The_display_name_defaults_to_the_name()
    {
        Succeeded(UserAccount.Create("Alice", "  ", Role.Analyst, null, null, Now)).DisplayName.ShouldBe("alice");
    }

    [Fact]
    public void A_given_display_name_is_trimmed_and_keeps_its_case()
    {
        Succeeded(UserAccount.Create("alice", " Alice Smith ", Role.Analyst, null, null, Now)).DisplayName.ShouldBe("Alice Smith");
    }

    [Fact]
    public void A_new_account_records_its_role_and_creation_time_and_is_enabled()
    {
        var account = Succeeded(UserAccount.Create("bo", null, Role.BorderOfficer, null, null, Now));

        account.Role.ShouldBe(Role.BorderOfficer);
        account.CreatedAt.ShouldBe(Now);
        account.Disabled.ShouldBeFalse();
        account.OperatorTin.ShouldBeNull();
        account.PartnerEconomy.ShouldBeNull();
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a.b-c_d@e.example")]
    [InlineData("user2026")]
    public void Letters_digits_dots_hyphens_underscores_and_at_are_allowed(string name)
    {
        UserAccount.Create(name, null, Role.Analyst, null, null, Now).IsOk.ShouldBeTrue();
    }

    [Fact]
    public void Sixty_four_characters_is_the_longest_name()
    {
        UserAccount.Create(new string('a', 64), null, Role.Analyst, null, null, Now).IsOk.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("  a  ")]
    [InlineData("bob smith")]
    [InlineData("bob!")]
    [InlineData("bob/admin")]
    [InlineData("b\u00f3b")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Bad_names_are_rejected(string name)
    {
        var error = SingleError(UserAccount.Create(name, null, Role.Analyst, null, null, Now));

        error.Code.ShouldBe("user.name");
        error.Field.ShouldBe("name");
    }

    [Fact]
    public void Account_management_records_hashes_and_disabling()
    {
        var account = Succeeded(UserAccount.Create("machine", null, Role.Analyst, null, null, Now));

        account.SetPasswordHash("pw-hash");
        account.SetApiKeyHash("key-hash");
        Succeeded(account.Apply(AccountChange.Disable, new("admin", 1)));

        account.PasswordHash.ShouldBe("pw-hash");
        account.ApiKeyHash.ShouldBe("key-hash");
        account.Disabled.ShouldBeTrue();
    }
}

public class Trader_accounts_are_bound_to_one_operator
{
    [Fact]
    public void A_trader_requires_a_TIN()
    {
        var error = SingleError(UserAccount.Create("trader", null, Role.Trader, null, null, Now));

        error.Code.ShouldBe("user.operator");
    }

    [Fact]
    public void A_trader_keeps_the_normalised_TIN()
    {
        var account = Succeeded(UserAccount.Create("trader", null, Role.Trader, ParseTin("nz-123 4567"), null, Now));

        account.OperatorTin.ShouldBe(NzTin);
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.ProgrammeOfficer)]
    [InlineData(Role.AccountManager)]
    [InlineData(Role.BorderOfficer)]
    [InlineData(Role.OgaOfficer)]
    [InlineData(Role.Analyst)]
    public void Any_other_role_rejects_a_TIN(Role role)
    {
        SingleError(UserAccount.Create("officer", null, role, ParseTin(NzTin), null, Now, role == Role.OgaOfficer ? "FDA" : null))
            .Code.ShouldBe("user.operator");
    }

    [Fact]
    public void A_partner_with_a_TIN_is_rejected_for_the_TIN()
    {
        SingleError(UserAccount.Create("partner", null, Role.Partner, ParseTin(NzTin), "US", Now)).Code.ShouldBe("user.operator");
    }

    [Fact]
    public void All_errors_are_reported_together()
    {
        var result = UserAccount.Create("!", null, Role.Trader, null, null, Now);

        result.Errors.Select(e => e.Code).ShouldBe(["user.name", "user.operator"], ignoreOrder: true);
    }
}

public class Partner_accounts_name_their_economy
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("N")]
    [InlineData("NZL")]
    [InlineData("1Z")]
    [InlineData("PACIFICALLIANCE")]
    public void A_partner_requires_a_two_letter_economy(string? economy)
    {
        var error = SingleError(UserAccount.Create("partner", null, Role.Partner, null, economy, Now));

        error.Code.ShouldBe("user.partnerEconomy");
    }

    [Fact]
    public void The_partner_economy_is_trimmed_and_upper_cased()
    {
        Succeeded(UserAccount.Create("partner", null, Role.Partner, null, " nz ", Now)).PartnerEconomy.ShouldBe("NZ");
    }

    [Fact]
    public void Only_a_partner_account_carries_an_economy()
    {
        var result = UserAccount.Create("admin", null, Role.Admin, null, "NZ", Now);

        result.IsOk.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Code == "user.partnerEconomy");
    }
}

public class Reading_operators
{
    private static readonly Tin Own = Tin.FromTrusted(NzTin);

    [Fact]
    public void A_trader_can_read_its_own_operator()
    {
        RegistryPermissions.CanReadOperator(Role.Trader, NzTin, Own).ShouldBeTrue();
    }

    [Theory]
    [InlineData(OtherNzTin)]
    [InlineData(null)]
    [InlineData("nz1234567")]
    public void A_trader_cannot_read_another_operator(string? actorTin)
    {
        RegistryPermissions.CanReadOperator(Role.Trader, actorTin, Own).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.ProgrammeOfficer)]
    [InlineData(Role.AccountManager)]
    [InlineData(Role.BorderOfficer)]
    [InlineData(Role.OgaOfficer)]
    [InlineData(Role.Analyst)]
    public void Officers_can_read_and_list_any_operator(Role role)
    {
        RegistryPermissions.CanReadOperator(role, null, Own).ShouldBeTrue();
        RegistryPermissions.CanListOperators(role).ShouldBeTrue();
    }

    [Fact]
    public void A_partner_cannot_read_operators_even_with_a_matching_TIN()
    {
        RegistryPermissions.CanReadOperator(Role.Partner, NzTin, Own).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Role.Trader)]
    [InlineData(Role.Partner)]
    public void Traders_and_partners_cannot_list_operators(Role role)
    {
        RegistryPermissions.CanListOperators(role).ShouldBeFalse();
    }
}

public class Updating_operators_by_role
{
    private static readonly Operator Current = RegisteredOperator();

    [Fact]
    public void A_trader_may_change_size_sector_and_consent_of_its_own_operator()
    {
        var proposed = ValidDetails with { Employees = 300, Turnover = 9_000_000m, Sector = "Horticulture", ConsentToExchange = false };

        RegistryPermissions.CheckOperatorUpdate(Role.Trader, NzTin, Current, proposed).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" nz ")]
    [InlineData("NZ")]
    public void A_trader_restating_its_own_economy_is_not_a_change(string? economy)
    {
        RegistryPermissions.CheckOperatorUpdate(Role.Trader, NzTin, Current, ValidDetails with { EconomyCode = economy }).ShouldBeNull();
    }

    [Fact]
    public void Padding_around_the_legal_name_is_not_a_change()
    {
        RegistryPermissions
            .CheckOperatorUpdate(Role.Trader, NzTin, Current, ValidDetails with { LegalName = "  Kiwi Exports Ltd " })
            .ShouldBeNull();
    }

    [Fact]
    public void A_trader_may_not_change_the_legal_name()
    {
        var error = RegistryPermissions.CheckOperatorUpdate(
            Role.Trader,
            NzTin,
            Current,
            ValidDetails with
            {
                LegalName = "Kiwi Exports Limited",
            }
        );

        error.ShouldNotBeNull().Code.ShouldBe("forbidden");
    }

    [Fact]
    public void A_trader_may_not_change_the_roles()
    {
        var error = RegistryPermissions.CheckOperatorUpdate(
            Role.Trader,
            NzTin,
            Current,
            ValidDetails with
            {
                Roles = OperatorRoles.Exporter | OperatorRoles.Importer,
            }
        );

        error.ShouldNotBeNull().Code.ShouldBe("forbidden");
    }

    [Fact]
    public void A_trader_may_not_change_the_economy()
    {
        var error = RegistryPermissions.CheckOperatorUpdate(Role.Trader, NzTin, Current, ValidDetails with { EconomyCode = "AU" });

        error.ShouldNotBeNull().Code.ShouldBe("forbidden");
    }

    [Theory]
    [InlineData(OtherNzTin)]
    [InlineData(null)]
    public void A_trader_may_not_change_another_operator_at_all(string? actorTin)
    {
        var error = RegistryPermissions.CheckOperatorUpdate(Role.Trader, actorTin, Current, ValidDetails with { Employees = 13 });

        error.ShouldNotBeNull().Code.ShouldBe("forbidden");
    }

    [Theory]
    [InlineData(Role.ProgrammeOfficer)]
    [InlineData(Role.Admin)]
    [InlineData(Role.AccountManager)]
    public void Operator_editors_may_change_anything(Role role)
    {
        var proposed = new OperatorDetails(
            "Completely New Name",
            "AU",
            OperatorRoles.Importer | OperatorRoles.SeaCarrier,
            5,
            1m,
            null,
            false
        );

        RegistryPermissions.CheckOperatorUpdate(role, null, Current, proposed).ShouldBeNull();
    }

    [Theory]
    [InlineData(Role.BorderOfficer)]
    [InlineData(Role.OgaOfficer)]
    [InlineData(Role.Analyst)]
    [InlineData(Role.Partner)]
    public void Other_roles_may_not_change_an_operator_even_without_changes(Role role)
    {
        var error = RegistryPermissions.CheckOperatorUpdate(role, NzTin, Current, Current.Details);

        error.ShouldNotBeNull().Code.ShouldBe("forbidden");
    }
}

public class Permission_groups
{
    [Fact]
    public void Only_admins_and_programme_officers_edit_reference_data()
    {
        RegistryPermissions.ReferenceDataEditors.ShouldBe([Role.Admin, Role.ProgrammeOfficer], ignoreOrder: true);
    }

    [Fact]
    public void Traders_and_partners_are_not_officers()
    {
        RegistryPermissions.Officers.ShouldNotContain(Role.Trader);
        RegistryPermissions.Officers.ShouldNotContain(Role.Partner);
        RegistryPermissions.Officers.Count.ShouldBe(6);
    }
}
