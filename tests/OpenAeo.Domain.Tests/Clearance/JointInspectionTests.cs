using OpenAeo.Domain.Clearance;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Clearance;

public class A_joint_inspection_appointment
{
    private static ClearanceState Red(params Milestone[] reached) =>
        new(Lane.Red, new HashSet<Milestone>([Milestone.LaneAssigned, .. reached]), []);

    [Fact]
    public void Is_a_time_from_now_on_kept_in_utc()
    {
        // 09:00 in Taipei is 01:00 UTC the same day.
        var taipei = new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

        var appointed = JointInspections.Appoint(Red(), taipei, Now);

        appointed.Value.ShouldBe(taipei);
        appointed.Value.Offset.ShouldBe(TimeSpan.Zero);
        JointInspections.Appoint(Red(), Now, Now).Value.ShouldBe(Now);
    }

    [Fact]
    public void Names_a_time_that_has_not_passed()
    {
        JointInspections
            .Appoint(Red(), null, Now)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("appointment.time", "Give the appointment's date and time.", "at"));
        JointInspections
            .Appoint(Red(), Now.AddMinutes(-1), Now)
            .Errors.ShouldHaveSingleItem()
            .ShouldBe(new("appointment.time", "The appointment must be from now on; 2026-03-02 09:29 +00:00 has passed.", "at"));
    }

    [Theory]
    [InlineData(Milestone.ExaminationEnded)]
    [InlineData(Milestone.Released)]
    public void Is_not_set_once_the_examination_is_over(Milestone reached)
    {
        JointInspections
            .Appoint(Red(Milestone.ExaminationStarted, reached), Now.AddDays(1), Now)
            .Errors.ShouldHaveSingleItem()
            .Code.ShouldBe("appointment.closed");
    }
}
