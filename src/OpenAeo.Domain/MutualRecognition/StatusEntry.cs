using System.Text.Json;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.MutualRecognition;

/// <summary>What happened to an operator's AEO certificate; one log entry records one event.</summary>
public enum StatusEvent
{
    Granted,
    Suspended,
    Reinstated,
    Revoked,
    Expired,

    /// <summary>A change to the certificate's details (tier, roles, validity) while it stays valid.</summary>
    Amended,

    /// <summary>The operator withdrew its consent to the exchange; MRA benefits stop from <c>effectiveAt</c>.</summary>
    ConsentWithdrawn,
}

/// <summary>
/// One entry of an administration's AEO status log (status-exchange.md, "The log"): a status event for one
/// operator, with the minimal record MRA exchanges use (name, status, dates, identifier). Each entry carries the
/// certificate's details as they stand after the event, so the latest entry alone describes the certificate.
/// </summary>
/// <remarks>
/// <para>
/// On the wire and in the Merkle tree an entry is the RFC 8785 canonical JSON of its members in camelCase, with
/// absent values omitted (never null), times as <see cref="WireFormat.TimeFormat"/>, dates as <c>yyyy-MM-dd</c>,
/// roles as an array of role names in the fixed order of <see cref="OperatorRoles"/>, and the event by name.
/// Times are held at the wire's millisecond precision in UTC, so an entry read back equals the entry written.
/// </para>
/// <para>
/// A partner's entry is verified by hashing the JSON as received (<see cref="CanonicalJson"/>); <see cref="Parse(JsonElement)"/>
/// is needed only to apply it to the replica, and ignores members it does not know.
/// </para>
/// </remarks>
/// <param name="Sequence">The entry's 0-based position in the issuing log, equal to its Merkle leaf index.</param>
/// <param name="Economy">ISO 3166-1 alpha-2 code of the certifying economy (the log's economy).</param>
/// <param name="Programme">The certifying programme's code.</param>
/// <param name="EffectiveAt">When the event takes effect; may precede <paramref name="RecordedAt"/> (a retroactive suspension).</param>
/// <param name="ValidFrom">First day the certificate is valid.</param>
/// <param name="ValidUntil">Last day the certificate is valid (inclusive); absent for indefinite validity.</param>
/// <param name="RecordedAt">When the issuing administration appended the entry.</param>
/// <param name="TimeZone">
/// The IANA time zone of the issuing programme (ADR 0012): <paramref name="ValidFrom"/> and <paramref name="ValidUntil"/> are
/// calendar days there, and <paramref name="EffectiveAt"/> is the start of the event's day there. Absent in entries written
/// before OpenAeo carried it; those were written with UTC days and are read in UTC.
/// </param>
public sealed record StatusEntry(
    long Sequence,
    Tin Tin,
    string LegalName,
    string Economy,
    string Programme,
    string? Tier,
    OperatorRoles Roles,
    string? CertificateNumber,
    StatusEvent Event,
    DateTimeOffset EffectiveAt,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    DateTimeOffset RecordedAt,
    string? TimeZone = null
)
{
    private readonly TimeZoneInfo zone = ZoneOf(TimeZone);

    public DateTimeOffset EffectiveAt
    {
        get;
        init => field = WireFormat.ToWirePrecision(value);
    } = WireFormat.ToWirePrecision(EffectiveAt);

    public DateTimeOffset RecordedAt
    {
        get;
        init => field = WireFormat.ToWirePrecision(value);
    } = WireFormat.ToWirePrecision(RecordedAt);

    public string? TimeZone
    {
        get;
        init
        {
            field = value;
            zone = ZoneOf(value);
        }
    } = TimeZone;

    /// <summary>Whether this event leaves the operator an AEO (while within its validity dates).</summary>
    public bool KeepsCertificateValid => Event is StatusEvent.Granted or StatusEvent.Reinstated or StatusEvent.Amended;

    /// <summary>
    /// Whether the operator was an AEO at <paramref name="at"/> according to this entry alone: a Granted, Reinstated or
    /// Amended certificate within <see cref="ValidFrom"/>..<see cref="ValidUntil"/> (inclusive), read as calendar days in the
    /// issuing programme's <see cref="TimeZone"/>; never after a Suspended, Revoked, Expired or ConsentWithdrawn event.
    /// </summary>
    public bool IsAeoAt(DateTimeOffset at)
    {
        var day = DayOf(at);
        return KeepsCertificateValid && EffectiveAt <= at && !(ValidFrom > day) && !(ValidUntil < day);
    }

    /// <summary>The issuing programme's calendar day at <paramref name="at"/> (the UTC day for entries without a zone).</summary>
    public DateOnly DayOf(DateTimeOffset at) => CalendarDays.DayOf(at, zone);

    /// <summary>The instant an event effective on <paramref name="day"/> takes effect: the start of that day in the programme's
    /// zone.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, string? timeZone) => CalendarDays.StartOf(day, ZoneOf(timeZone));

    /// <summary>The RFC 8785 canonical JSON (UTF-8) that is served, hashed into the log and signed over.</summary>
    public byte[] ToCanonicalJson()
    {
        var members = new List<KeyValuePair<string, object?>>(13)
        {
            new("sequence", Sequence),
            new("tin", Tin.Value),
            new("legalName", LegalName),
            new("economy", Economy),
            new("programme", Programme),
            new("roles", OperatorRoleNames.Split(Roles).Select(r => r.ToString()).ToList()),
            new("event", Event.ToString()),
            new("effectiveAt", WireFormat.FormatTime(EffectiveAt)),
            new("recordedAt", WireFormat.FormatTime(RecordedAt)),
        };
        AddIfPresent(members, "tier", Tier);
        AddIfPresent(members, "certificateNumber", CertificateNumber);
        AddIfPresent(members, "validFrom", ValidFrom is { } from ? WireFormat.FormatDate(from) : null);
        AddIfPresent(members, "validUntil", ValidUntil is { } until ? WireFormat.FormatDate(until) : null);
        AddIfPresent(members, "timeZone", TimeZone);
        return CanonicalJson.SerializeObject(members);
    }

    /// <summary>The RFC 6962 leaf hash of this entry: SHA-256(0x00 ‖ canonical JSON).</summary>
    public byte[] LeafHash() => MerkleTree.HashLeaf(ToCanonicalJson());

    /// <summary>Reads an entry from JSON text (UTF-8) as a partner serves it.</summary>
    public static Result<StatusEntry> Parse(ReadOnlyMemory<byte> utf8Json) => WireFormat.ReadJson<StatusEntry>(utf8Json, Parse);

    /// <summary>Reads an entry from the <c>entry</c> object of an entries page; unknown members are ignored.</summary>
    public static Result<StatusEntry> Parse(JsonElement entry)
    {
        var json = new JsonObjectReader(entry, "status entry");
        var sequence = json.RequiredInteger("sequence");
        var tinText = json.RequiredString("tin");
        var legalName = json.RequiredString("legalName");
        var economy = json.RequiredString("economy");
        var programme = json.RequiredString("programme");
        var tier = json.OptionalString("tier");
        var roleNames = json.OptionalStringArray("roles");
        var certificateNumber = json.OptionalString("certificateNumber");
        var eventName = json.RequiredString("event");
        var effectiveAt = json.RequiredTime("effectiveAt");
        var validFrom = json.OptionalDate("validFrom");
        var validUntil = json.OptionalDate("validUntil");
        var recordedAt = json.RequiredTime("recordedAt");
        var timeZone = json.OptionalString("timeZone");

        var tin = default(Tin);
        if (tinText.Length > 0)
        {
            var parsed = Tin.Parse(tinText);
            json.Errors.AddRange(parsed.Errors);
            tin = parsed.Value;
        }

        if (economy.Length > 0 && !Registry.Economy.IsEconomyCode(economy))
        {
            json.Add("entry.economy", $"'{economy}' is not a two-letter economy code.", "economy");
        }

        var roles = OperatorRoles.None;
        foreach (var name in roleNames)
        {
            if (TryParseName<OperatorRoles>(name, out var role) && OperatorRoleNames.All.Contains(role))
            {
                roles |= role;
            }
            else
            {
                json.Add("entry.role", $"'{name}' is not an operator role.", "roles");
            }
        }

        var statusEvent = default(StatusEvent);
        if (eventName.Length > 0 && !TryParseName(eventName, out statusEvent))
        {
            json.Add("entry.event", $"'{eventName}' is not a status event.", "event");
        }

        if (timeZone is not null && TimeZones.Find(timeZone) is null)
        {
            // Refused rather than guessed: read in another zone, a validity date would be wrong by up to a day.
            json.Add(
                "entry.timeZone",
                $"'{timeZone}' is not an IANA time zone known here (is this node's time zone data older than the partner's?).",
                "timeZone"
            );
        }

        if (validFrom > validUntil)
        {
            json.Add("entry.validity", "'validUntil' is before 'validFrom'.", "validUntil");
        }

        return json.Errors.Count > 0
            ? Result<StatusEntry>.Fail(json.Errors)
            : Result<StatusEntry>.Ok(
                new StatusEntry(
                    sequence,
                    tin,
                    legalName,
                    economy,
                    programme,
                    tier,
                    roles,
                    certificateNumber,
                    statusEvent,
                    effectiveAt,
                    validFrom,
                    validUntil,
                    recordedAt,
                    timeZone
                )
            );
    }

    /// <summary>Exactly a member's name: <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> alone also takes "1" or "A, B".</summary>
    private static bool TryParseName<TEnum>(string name, out TEnum value)
        where TEnum : struct, Enum =>
        Enum.TryParse(name, ignoreCase: false, out value)
        && string.Equals(value.ToString(), name, StringComparison.Ordinal)
        && !name.Contains(',', StringComparison.Ordinal);

    private static TimeZoneInfo ZoneOf(string? timeZone) =>
        timeZone is null ? TimeZoneInfo.Utc : TimeZones.Find(timeZone) ?? TimeZoneInfo.Utc;

    private static void AddIfPresent(List<KeyValuePair<string, object?>> members, string name, string? value)
    {
        if (value is not null)
        {
            members.Add(new(name, value));
        }
    }
}
