using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Certification;

/// <summary>Issue 10, item 2: a node certifies only for its own economy; other economies' programmes are reference data on it.</summary>
public class A_node_certifies_only_for_its_own_economy
{
    private static readonly Programme NewZealand = Succeeded(Programme.Create(ValidProgramme()));

    [Theory]
    [InlineData("NZ")]
    [InlineData("nz")]
    public void Its_own_economy_programme_takes_applications_grants_and_imports(string nodeEconomy)
    {
        Jurisdiction.Refusal(nodeEconomy, NewZealand, "grant certificates").ShouldBeNull();
    }

    [Fact]
    public void Another_economy_programme_is_refused_with_a_code_the_api_answers_as_a_conflict()
    {
        var refusal = Jurisdiction.Refusal("TW", NewZealand, "grant certificates")!;

        refusal.Code.ShouldBe(Jurisdiction.ForeignProgramme);
        refusal.Code.ShouldEndWith(".foreign-programme");
        refusal.Field.ShouldBe("programme");
        refusal.Message.ShouldBe(
            "Secure Exports Scheme (NZ) is NZ's programme: this node certifies for TW only, so it cannot grant "
                + "certificates under it. Other economies' programmes are reference data here."
        );
    }
}
