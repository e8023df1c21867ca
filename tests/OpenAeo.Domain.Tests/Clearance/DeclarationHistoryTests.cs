using OpenAeo.Domain.Clearance;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Clearance;

public class A_declarations_history
{
    private static readonly DateTimeOffset LodgedAt = Now.AddMinutes(-5);

    [Theory]
    [InlineData(Lane.Green, true)]
    [InlineData(Lane.Blue, true)]
    [InlineData(Lane.Yellow, false)]
    [InlineData(Lane.Red, false)]
    public void A_live_lodgement_is_registered_and_laned_now_and_green_or_blue_is_released_at_once(Lane lane, bool released)
    {
        var arrival = LodgedAt.AddHours(-2);

        var life = DeclarationHistory.Lodged(lane, [], arrival, LodgedAt, Now);

        Milestone[] expected = released
            ? [Milestone.Arrival, Milestone.Lodged, Milestone.Registered, Milestone.LaneAssigned, Milestone.Released]
            : [Milestone.Arrival, Milestone.Lodged, Milestone.Registered, Milestone.LaneAssigned];
        life.Events.Select(e => e.Milestone).ShouldBe(expected);
        DateTimeOffset[] times = released ? [arrival, LodgedAt, Now, Now, Now] : [arrival, LodgedAt, Now, Now];
        life.Events.Select(e => e.At).ShouldBe(times);
        life.ReleasedAt.ShouldBe(released ? Now : null);
        life.ArrivalAt.ShouldBe(arrival);
        life.DeliveredAt.ShouldBeNull();
    }

    [Fact]
    public void A_live_lodgement_requests_each_agencys_permit_and_waits_for_it()
    {
        var life = DeclarationHistory.Lodged(Lane.Green, ["FDA", "MPI"], null, LodgedAt, Now);

        life.Events.Where(e => e.Milestone == Milestone.OgaPermitRequested).Select(e => e.Agency).ShouldBe(["FDA", "MPI"]);
        life.Events.ShouldNotContain(e => e.Milestone == Milestone.Released || e.Milestone == Milestone.Arrival);
        life.Permits.ShouldBe([new PermitRecord("FDA", PermitStatus.Requested), new PermitRecord("MPI", PermitStatus.Requested)]);
        life.ReleasedAt.ShouldBeNull();
    }

    [Fact]
    public void A_replayed_history_is_put_in_time_order_and_keeps_its_times()
    {
        var t = Now.AddDays(-10);
        (Milestone, DateTimeOffset)[] history =
        [
            (Milestone.Released, t.AddHours(5)),
            (Milestone.Lodged, t),
            (Milestone.Arrival, t.AddHours(-1)),
            (Milestone.Delivered, t.AddHours(9)),
            (Milestone.LaneAssigned, t.AddMinutes(1)),
        ];

        var life = DeclarationHistory.Replayed([], null, history);

        life.Events.Select(e => e.Milestone)
            .ShouldBe([Milestone.Arrival, Milestone.Lodged, Milestone.LaneAssigned, Milestone.Released, Milestone.Delivered]);
        life.ArrivalAt.ShouldBe(t.AddHours(-1));
        life.ReleasedAt.ShouldBe(t.AddHours(5));
        life.DeliveredAt.ShouldBe(t.AddHours(9));
    }

    [Fact]
    public void A_given_arrival_time_wins_over_the_historys()
    {
        var given = Now.AddDays(-3);

        DeclarationHistory
            .Replayed([], given, [(Milestone.Arrival, Now.AddDays(-2)), (Milestone.Lodged, Now.AddDays(-1))])
            .ArrivalAt.ShouldBe(given);
    }

    [Fact]
    public void Replayed_permit_milestones_go_to_the_permit_agencies_in_turn()
    {
        var t = Now.AddDays(-10);
        (Milestone, DateTimeOffset)[] history =
        [
            (Milestone.Lodged, t),
            (Milestone.OgaPermitRequested, t.AddMinutes(1)),
            (Milestone.OgaPermitRequested, t.AddMinutes(2)),
            (Milestone.OgaPermitGranted, t.AddHours(3)),
            (Milestone.OgaPermitRefused, t.AddHours(4)),
            (Milestone.OgaPermitGranted, t.AddHours(5)),
        ];

        var life = DeclarationHistory.Replayed(["FDA", "MPI"], null, history);

        life.Events.Select(e => e.Agency).ShouldBe([null, "FDA", "MPI", "FDA", "MPI", null]);
        life.Permits.ShouldBe([
            new PermitRecord("FDA", PermitStatus.Granted, t.AddHours(3)),
            new PermitRecord("MPI", PermitStatus.Refused, t.AddHours(4)),
        ]);
        life.ReleasedAt.ShouldBeNull();
    }

    [Fact]
    public void A_release_without_a_recorded_permit_decision_proves_the_permit_was_granted()
    {
        var t = Now.AddDays(-10);

        var life = DeclarationHistory.Replayed(["FDA"], null, [(Milestone.Lodged, t), (Milestone.Released, t.AddHours(2))]);
        var open = DeclarationHistory.Replayed(["FDA"], null, [(Milestone.Lodged, t)]);

        life.Permits.ShouldBe([new PermitRecord("FDA", PermitStatus.Granted)]);
        open.Permits.ShouldBe([new PermitRecord("FDA", PermitStatus.Requested)]);
    }
}

public class A_declarations_status
{
    private static DeclarationStatus Of(
        Lane lane,
        Milestone[] reached,
        PermitStatus[]? permits = null,
        bool released = false,
        bool delivered = false
    ) => DeclarationHistory.Status(new ClearanceState(lane, reached.ToHashSet(), permits ?? []), released, delivered);

    [Theory]
    [InlineData(Lane.Red, new Milestone[0], DeclarationStatus.AwaitingExamination)]
    [InlineData(Lane.Red, new[] { Milestone.ExaminationStarted }, DeclarationStatus.UnderExamination)]
    [InlineData(Lane.Red, new[] { Milestone.ExaminationStarted, Milestone.ExaminationEnded }, DeclarationStatus.AwaitingDocumentaryCheck)]
    [InlineData(Lane.Red, new[] { Milestone.ExaminationEnded, Milestone.DocumentaryCheckStarted }, DeclarationStatus.UnderDocumentaryCheck)]
    [InlineData(Lane.Red, new[] { Milestone.ExaminationEnded, Milestone.DocumentaryCheckEnded }, DeclarationStatus.ReadyForRelease)]
    [InlineData(Lane.Yellow, new Milestone[0], DeclarationStatus.AwaitingDocumentaryCheck)]
    [InlineData(Lane.Yellow, new[] { Milestone.DocumentaryCheckStarted }, DeclarationStatus.UnderDocumentaryCheck)]
    [InlineData(Lane.Yellow, new[] { Milestone.DocumentaryCheckEnded }, DeclarationStatus.ReadyForRelease)]
    [InlineData(Lane.Green, new Milestone[0], DeclarationStatus.ReadyForRelease)]
    [InlineData(Lane.Blue, new Milestone[0], DeclarationStatus.ReadyForRelease)]
    public void Follows_the_work_its_lane_calls_for(Lane lane, Milestone[] reached, DeclarationStatus expected) =>
        Of(lane, reached).ShouldBe(expected);

    [Fact]
    public void Waits_for_permits_after_the_checks_and_stops_at_a_refusal()
    {
        Of(Lane.Green, [], [PermitStatus.Granted, PermitStatus.Requested]).ShouldBe(DeclarationStatus.AwaitingPermit);
        Of(Lane.Yellow, [], [PermitStatus.Requested]).ShouldBe(DeclarationStatus.AwaitingDocumentaryCheck);
        Of(Lane.Red, [], [PermitStatus.Refused, PermitStatus.Requested]).ShouldBe(DeclarationStatus.PermitRefused);
        Of(Lane.Green, [], [PermitStatus.Granted]).ShouldBe(DeclarationStatus.ReadyForRelease);
    }

    [Fact]
    public void Released_and_delivered_come_from_the_recorded_times()
    {
        Of(Lane.Red, [], [PermitStatus.Refused], released: true).ShouldBe(DeclarationStatus.Released);
        Of(Lane.Red, [], released: true, delivered: true).ShouldBe(DeclarationStatus.Delivered);
    }
}
