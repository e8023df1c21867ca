namespace OpenAeo.Domain.Clearance;

/// <summary>
/// The number OpenAeo gives a declaration lodged without one: the destination economy, the office's local date, the
/// millisecond of that day and a sequence, <c>TW20261207</c> + 7 + 7 hexadecimal digits, 24 characters in all.
/// Numbers made later in a day sort after earlier ones, so each new one lands at the end of the reference index (and of the
/// audit trail's subject index) instead of on a random page of it: with random numbers every lodging of a shared commit
/// rewrote a page of each of those indexes of its own (ADR 0073). The sequence keeps the numbers one node makes in the
/// same millisecond apart; between nodes each starts its sequence at a random point, and the rare number two nodes make at
/// once is refused by the unique index and made again.
/// </summary>
public static class DeclarationNumber
{
    /// <summary>The sequence is taken modulo this: seven hexadecimal digits.</summary>
    public const uint SequenceSpan = 1u << 28;

    public static string Compose(string economy, DateTimeOffset at, TimeZoneInfo? officeZone, uint sequence)
    {
        var local = officeZone is null ? at.UtcDateTime : TimeZoneInfo.ConvertTime(at, officeZone).DateTime;
        var millisecond = (long)local.TimeOfDay.TotalMilliseconds;
        return FormattableString.Invariant($"{economy}{local:yyyyMMdd}{millisecond:X7}{sequence % SequenceSpan:X7}");
    }
}
