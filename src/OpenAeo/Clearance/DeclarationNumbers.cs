using OpenAeo.Domain.Clearance;

namespace OpenAeo.Clearance;

/// <summary>
/// This node's sequence for the numbers it gives declarations lodged without one (<see cref="DeclarationNumber"/>). It starts
/// at a random point, so two nodes over one database rarely make the same number in the same millisecond; when they do,
/// the lodging is refused by the unique index and made again with the next number.
/// </summary>
internal sealed class DeclarationNumbers(uint start)
{
    private int sequence = unchecked((int)start);

    public DeclarationNumbers()
        : this((uint)Random.Shared.NextInt64(DeclarationNumber.SequenceSpan)) { }

    public string Next(string economy, DateTimeOffset at, string? officeTimeZone) =>
        DeclarationNumber.Compose(
            economy,
            at,
            officeTimeZone is null ? null : TimeZones.Find(officeTimeZone.Trim()),
            unchecked((uint)Interlocked.Increment(ref sequence))
        );
}
