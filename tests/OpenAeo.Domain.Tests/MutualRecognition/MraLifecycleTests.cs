using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Domain.Tests.MutualRecognition;

public class The_MRA_lifecycle
{
    [Theory]
    [InlineData(MraStatus.UnderNegotiation, MraStatus.ActionPlan, true)]
    [InlineData(MraStatus.UnderNegotiation, MraStatus.InForce, true)]
    [InlineData(MraStatus.Signed, MraStatus.ActionPlan, false)]
    [InlineData(MraStatus.InForce, MraStatus.Suspended, true)]
    [InlineData(MraStatus.Suspended, MraStatus.InForce, true)]
    [InlineData(MraStatus.Suspended, MraStatus.Signed, false)]
    [InlineData(MraStatus.InForce, MraStatus.Terminated, true)]
    [InlineData(MraStatus.Terminated, MraStatus.InForce, false)]
    public void Moves_forward_or_back_into_force_from_a_suspension_never_out_of_termination(MraStatus from, MraStatus to, bool allowed) =>
        MraLifecycle.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void An_MRA_in_force_needs_its_date_and_dates_follow_the_steps()
    {
        MraLifecycle.Check(["TW", "JP"], MraStatus.InForce, new MraDates(InForceFrom: new(2019, 5, 22))).ShouldBeEmpty();
        MraLifecycle.Check(["TW", "JP"], MraStatus.InForce, new MraDates()).Select(e => e.Code).ShouldContain("mra.inForce");
        MraLifecycle
            .Check(["TW", "JP"], MraStatus.InForce, new MraDates(SignedOn: new(2020, 1, 1), InForceFrom: new(2019, 5, 22)))
            .Select(e => e.Code)
            .ShouldContain("mra.dates");
        MraLifecycle
            .Check(["TW", "JP"], MraStatus.Suspended, new MraDates(InForceFrom: new(2019, 5, 22)))
            .Select(e => e.Code)
            .ShouldContain("mra.suspended");
    }

    [Fact]
    public void Parties_are_two_economies_or_one_bloc_whose_members_recognise_each_other()
    {
        MraLifecycle.Check(["PACIFICALLIANCE"], MraStatus.UnderNegotiation, new MraDates()).ShouldBeEmpty();
        MraLifecycle.Check(["TW"], MraStatus.UnderNegotiation, new MraDates()).Select(e => e.Code).ShouldContain("mra.parties");
        MraLifecycle.Check(["TW", "TW"], MraStatus.UnderNegotiation, new MraDates()).Select(e => e.Code).ShouldContain("mra.parties");
        MraLifecycle.Check(["tw", "JP"], MraStatus.UnderNegotiation, new MraDates()).Select(e => e.Code).ShouldContain("mra.parties");
    }
}
