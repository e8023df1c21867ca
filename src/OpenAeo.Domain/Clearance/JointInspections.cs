namespace OpenAeo.Domain.Clearance;

/// <summary>
/// The one appointment customs and an agency share for a joint inspection: a time from now on (stored as UTC, read
/// in the office's zone), set or moved until the examination ends or the goods are released.
/// </summary>
public static class JointInspections
{
    public static Result<DateTimeOffset> Appoint(ClearanceState declaration, DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } when)
        {
            return new DomainError("appointment.time", "Give the appointment's date and time.", "at");
        }

        if (when < now)
        {
            return new DomainError(
                "appointment.time",
                $"The appointment must be from now on; {when:yyyy-MM-dd HH:mm zzz} has passed.",
                "at"
            );
        }

        if (declaration.Reached.Contains(Milestone.ExaminationEnded) || declaration.Released)
        {
            return new DomainError("appointment.closed", "The examination is over.");
        }

        return Result<DateTimeOffset>.Ok(when.ToUniversalTime());
    }
}
