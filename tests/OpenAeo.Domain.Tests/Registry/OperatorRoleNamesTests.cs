using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Registry;

public class Parsing_role_lists
{
    [Fact]
    public void A_mixed_list_of_names_parses()
    {
        var (roles, unknown) = OperatorRoleNames.Parse("importer; Customs broker;e-commerce platform");

        roles.ShouldBe(OperatorRoles.Importer | OperatorRoles.CustomsBroker | OperatorRoles.EcommercePlatform);
        unknown.ShouldBeNull();
    }

    [Theory]
    [InlineData("IMPORTER", OperatorRoles.Importer)]
    [InlineData("customs_broker", OperatorRoles.CustomsBroker)]
    [InlineData("Freight-Forwarder", OperatorRoles.FreightForwarder)]
    [InlineData("warehouse operator", OperatorRoles.WarehouseOperator)]
    [InlineData("E-Commerce Merchant", OperatorRoles.EcommerceMerchant)]
    [InlineData("AirCarrier", OperatorRoles.AirCarrier)]
    public void Names_match_ignoring_case_spaces_hyphens_and_underscores(string name, OperatorRoles expected)
    {
        OperatorRoleNames.ParseOne(name).ShouldBe(expected);
        OperatorRoleNames.Parse(name).Roles.ShouldBe(expected);
    }

    [Theory]
    [InlineData("importer1")]
    [InlineData("importer.")]
    [InlineData("customs/broker")]
    public void Names_with_other_characters_are_not_roles(string name)
    {
        OperatorRoleNames.ParseOne(name).ShouldBeNull();
    }

    [Theory]
    [InlineData("importer;pilot;exporter", "pilot")]
    [InlineData("importer; space pirate ", "space pirate")]
    [InlineData("None", "None")]
    [InlineData("customs brokers", "customs brokers")]
    public void The_first_unknown_name_is_returned_as_written(string text, string unknown)
    {
        OperatorRoleNames.Parse(text).Unknown.ShouldBe(unknown);
    }

    [Fact]
    public void Only_the_first_unknown_name_is_returned()
    {
        OperatorRoleNames.Parse("pilot;astronaut").Unknown.ShouldBe("pilot");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_list_is_no_roles(string? text)
    {
        OperatorRoleNames.Parse(text).ShouldBe((OperatorRoles.None, (string?)null));
    }

    [Fact]
    public void Empty_entries_are_skipped()
    {
        OperatorRoleNames.Parse(";importer;; ;exporter;").ShouldBe((OperatorRoles.Importer | OperatorRoles.Exporter, (string?)null));
    }

    [Fact]
    public void Another_separator_can_be_used()
    {
        OperatorRoleNames.Parse("importer, sea carrier", ',').Roles.ShouldBe(OperatorRoles.Importer | OperatorRoles.SeaCarrier);
    }

    [Fact]
    public void A_repeated_role_is_counted_once()
    {
        OperatorRoleNames.Parse("importer;Importer").Roles.ShouldBe(OperatorRoles.Importer);
    }
}

public class Role_labels
{
    [Theory]
    [InlineData(OperatorRoles.CustomsBroker, "Customs broker")]
    [InlineData(OperatorRoles.Importer, "Importer")]
    [InlineData(OperatorRoles.WarehouseOperator, "Warehouse operator")]
    [InlineData(OperatorRoles.EcommercePlatform, "E-commerce platform")]
    [InlineData(OperatorRoles.EcommerceMerchant, "E-commerce merchant")]
    public void Labels_are_sentence_case_words(OperatorRoles role, string expected)
    {
        OperatorRoleNames.Label(role).ShouldBe(expected);
    }

    [Fact]
    public void Every_label_parses_back_to_its_role()
    {
        foreach (var role in OperatorRoleNames.All)
        {
            OperatorRoleNames.ParseOne(OperatorRoleNames.Label(role)).ShouldBe(role, $"label of {role}");
        }
    }
}

public class Formatting_role_lists
{
    [Fact]
    public void Roles_are_written_by_name_in_declaration_order()
    {
        OperatorRoleNames.Format(OperatorRoles.CustomsBroker | OperatorRoles.Importer).ShouldBe("Importer;CustomsBroker");
    }

    [Fact]
    public void No_roles_format_as_empty_text()
    {
        OperatorRoleNames.Format(OperatorRoles.None).ShouldBe("");
    }

    [Fact]
    public void Another_separator_can_be_used()
    {
        OperatorRoleNames.Format(OperatorRoles.Importer | OperatorRoles.Exporter, ", ").ShouldBe("Importer, Exporter");
    }

    [Theory]
    [InlineData(OperatorRoles.None)]
    [InlineData(OperatorRoles.Exporter)]
    [InlineData(OperatorRoles.Importer | OperatorRoles.CustomsBroker | OperatorRoles.EcommercePlatform)]
    [InlineData(OperatorRoles.SeaCarrier | OperatorRoles.ShippingAgent | OperatorRoles.EcommerceMerchant)]
    public void Format_round_trips_with_Parse(OperatorRoles roles)
    {
        OperatorRoleNames.Parse(OperatorRoleNames.Format(roles)).ShouldBe((roles, (string?)null));
    }

    [Fact]
    public void Every_role_together_round_trips()
    {
        var all = OperatorRoleNames.All.Aggregate(OperatorRoles.None, (acc, r) => acc | r);

        OperatorRoleNames.Parse(OperatorRoleNames.Format(all)).Roles.ShouldBe(all);
    }
}

public class The_role_catalogue
{
    [Fact]
    public void All_lists_every_single_role_and_not_none()
    {
        OperatorRoleNames.All.Count.ShouldBe(16);
        OperatorRoleNames.All.ShouldNotContain(OperatorRoles.None);
        OperatorRoleNames.All.ShouldBeUnique();
    }

    [Fact]
    public void Split_returns_the_single_roles_of_a_combination()
    {
        OperatorRoleNames
            .Split(OperatorRoles.Courier | OperatorRoles.Importer | OperatorRoles.RoadCarrier)
            .ShouldBe([OperatorRoles.Importer, OperatorRoles.RoadCarrier, OperatorRoles.Courier]);
    }
}
