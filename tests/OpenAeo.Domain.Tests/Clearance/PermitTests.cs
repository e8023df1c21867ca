using OpenAeo.Domain.Clearance;

namespace OpenAeo.Domain.Tests.Clearance;

public class An_agency_permit_decision
{
    private static ClearanceState Declaration(Lane lane, params PermitStatus[] permits) =>
        new(lane, new HashSet<Milestone> { Milestone.Lodged, Milestone.LaneAssigned }, permits);

    [Theory]
    [InlineData("Grant", PermitStatus.Granted, Milestone.OgaPermitGranted)]
    [InlineData(" granted ", PermitStatus.Granted, Milestone.OgaPermitGranted)]
    [InlineData("REFUSE", PermitStatus.Refused, Milestone.OgaPermitRefused)]
    [InlineData("refused", PermitStatus.Refused, Milestone.OgaPermitRefused)]
    public void Records_the_status_and_its_milestone(string decision, PermitStatus status, Milestone milestone)
    {
        var decided = Permits.Decide(
            Declaration(Lane.Yellow, PermitStatus.Requested),
            PermitStatus.Requested,
            decision,
            " licence checked "
        );

        decided.IsOk.ShouldBeTrue();
        decided.Value!.Status.ShouldBe(status);
        decided.Value.Milestone.ShouldBe(milestone);
        decided.Value.Note.ShouldBe("licence checked");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("1")]
    public void Is_grant_or_refuse(string? decision)
    {
        var decided = Permits.Decide(Declaration(Lane.Green, PermitStatus.Requested), PermitStatus.Requested, decision, "note");

        decided.Errors.ShouldHaveSingleItem().ShouldBe(new("permit.decision", "The decision must be Grant or Refuse.", "decision"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_refusal_states_its_reason(string? note)
    {
        Permits
            .Decide(Declaration(Lane.Green, PermitStatus.Requested), PermitStatus.Requested, "Refuse", note)
            .Errors.ShouldHaveSingleItem()
            .Field.ShouldBe("note");
        Permits.Decide(Declaration(Lane.Green, PermitStatus.Requested), PermitStatus.Requested, "Grant", note).Value!.Note.ShouldBeNull();
    }

    [Theory]
    [InlineData(PermitStatus.Granted)]
    [InlineData(PermitStatus.Refused)]
    public void Is_made_once(PermitStatus current)
    {
        var decided = Permits.Decide(Declaration(Lane.Green, current), current, "Grant", null);

        decided.Errors.ShouldHaveSingleItem().Code.ShouldBe("permit.transition");
        decided.Errors[0].Message.ShouldBe($"The permit is {current} already.");
    }

    [Theory]
    [InlineData(Lane.Green, true)]
    [InlineData(Lane.Blue, true)]
    [InlineData(Lane.Yellow, false)]
    [InlineData(Lane.Red, false)]
    public void The_last_grant_releases_a_green_or_blue_declaration(Lane lane, bool releases)
    {
        Permits
            .Decide(Declaration(lane, PermitStatus.Granted, PermitStatus.Requested), PermitStatus.Requested, "Grant", null)
            .Value!.Releases.ShouldBe(releases);
    }

    [Fact]
    public void A_grant_while_another_permit_is_awaited_or_refused_does_not_release()
    {
        Permits
            .Decide(Declaration(Lane.Green, PermitStatus.Requested, PermitStatus.Requested), PermitStatus.Requested, "Grant", null)
            .Value!.Releases.ShouldBeFalse();
        Permits
            .Decide(Declaration(Lane.Green, PermitStatus.Refused, PermitStatus.Requested), PermitStatus.Requested, "Grant", null)
            .Value!.Releases.ShouldBeFalse();
        Permits
            .Decide(Declaration(Lane.Green, PermitStatus.Requested), PermitStatus.Requested, "Refuse", "no licence")
            .Value!.Releases.ShouldBeFalse();
    }

    [Fact]
    public void A_declaration_already_released_is_not_released_again()
    {
        var released = new ClearanceState(Lane.Green, new HashSet<Milestone> { Milestone.Released }, [PermitStatus.Requested]);

        Permits.Decide(released, PermitStatus.Requested, "Grant", null).Value!.Releases.ShouldBeFalse();
    }

    [Fact]
    public void Releases_by_the_same_rule_as_lodgement()
    {
        // What the last grant leaves is what a lodgement without awaited permits would see: both release, or neither.
        foreach (var lane in Enum.GetValues<Lane>())
        {
            var byGrant = Permits.Decide(Declaration(lane, PermitStatus.Requested), PermitStatus.Requested, "Grant", null).Value!.Releases;
            var atLodgement = DeclarationHistory.Lodged(lane, [], null, Builders.Now, Builders.Now).ReleasedAt is not null;
            byGrant.ShouldBe(atLodgement, $"lane {lane}");
        }
    }
}
