using System.Reflection;

namespace OpenAeo.Domain.Shared;

/// <summary>
/// Every field's limits, once: how long a text may be and which characters it may hold, the range of a number or a
/// date, how many entries a list may have. The domain validates with these, the EF mappings size their columns with
/// them (so SQLite and PostgreSQL accept exactly the same values), and the API refuses what breaks them with a field
/// error before any handler runs, and writes them into its OpenAPI document (<c>maxLength</c>, <c>minimum</c>,
/// <c>maximum</c>, <c>maxItems</c>).
/// </summary>
/// <remarks>
/// Business rules (a TIN's shape, which role names exist, which dates may follow which) stay with the rules; these
/// are the outer bounds every value meets first. A change here that shortens a column needs a migration for both
/// providers.
/// </remarks>
public static class Limits
{
    // Identifiers and codes.

    /// <summary>A TIN as typed: two letters and up to 15 letters or digits, with spaces or separators people add (stored without them, in
    /// 17).</summary>
    public static readonly TextLimit Tin = new(64);

    /// <summary>A stored TIN: the economy's two letters and at most 15 letters or digits.</summary>
    public static readonly TextLimit StoredTin = new(17);

    /// <summary>An economy's ISO code, or a bloc's code (<c>PACIFICALLIANCE</c>).</summary>
    public static readonly TextLimit EconomyCode = new(20);

    public static readonly TextLimit ProgrammeCode = new(20);

    public static readonly TextLimit AgencyCode = new(20);

    /// <summary>A customs office's code.</summary>
    public static readonly TextLimit OfficeCode = new(20);

    /// <summary>A short code: a criterion question, a rejection reason, a risk rule.</summary>
    public static readonly TextLimit Code = new(40);

    /// <summary>A declaration's or certificate's number.</summary>
    public static readonly TextLimit Reference = new(40);

    /// <summary>A partner administration's own reference for a validation visit.</summary>
    public static readonly TextLimit PartnerReference = new(100);

    /// <summary>A word from a fixed list: a role, a status, a track, a lane, an action, a format.</summary>
    public static readonly TextLimit Keyword = new(50);

    /// <summary>An HS code (6 to 10 digits), or a range of them.</summary>
    public static readonly TextLimit HsCode = new(10);

    /// <summary>An HS code prefix or a range of them (<c>8471</c>, <c>84713000-84719000</c>) in a risk rule.</summary>
    public static readonly TextLimit HsRange = new(21);

    /// <summary>HS codes and ranges an agency controls, separated by semicolons (<c>0401-0410;1901</c>).</summary>
    public static readonly TextLimit HsCodeList = new(2000);

    /// <summary>An IANA time zone (<c>Asia/Taipei</c>).</summary>
    public static readonly TextLimit TimeZone = new(64);

    public static readonly TextLimit Currency = new(3);

    /// <summary>A partner node's base URL.</summary>
    public static readonly TextLimit Url = new(500);

    /// <summary>A public key (base64) or an API key, as text.</summary>
    public static readonly TextLimit Key = new(200);

    /// <summary>A file's SHA-256 as hexadecimal.</summary>
    public static readonly TextLimit Sha256 = new(64);

    /// <summary>A column of an input file, or a duration such as <c>2h</c> or <c>P1D</c>, in a study's definition.</summary>
    public static readonly TextLimit StudyTerm = new(64);

    public static readonly TextLimit FileName = new(200);

    // Names.

    public static readonly TextLimit LegalName = new(300);

    /// <summary>The name of an MRA, a programme, a supply chain, an agency, a rule, a study, a person.</summary>
    public static readonly TextLimit Name = new(200);

    public static readonly TextLimit ShortName = new(50);

    /// <summary>An e-mail address (RFC 5321's longest path).</summary>
    public static readonly TextLimit Email = new(254);

    /// <summary>A telephone number as people write it, with spaces, a plus and an extension.</summary>
    public static readonly TextLimit Phone = new(40);

    /// <summary>A login name.</summary>
    public static readonly TextLimit UserName = new(64);

    public static readonly TextLimit Password = new(200);

    public static readonly TextLimit Sector = new(100);

    /// <summary>A tier of a programme.</summary>
    public static readonly TextLimit Tier = new(100);

    /// <summary>A label people read: a rejection reason, an MRA benefit, an indicator and its target.</summary>
    public static readonly TextLimit Label = new(300);

    /// <summary>What a search box holds.</summary>
    public static readonly TextLimit Search = new(200);

    // Free text.

    /// <summary>Why something was done: kept with the change in the audit trail.</summary>
    public static readonly TextLimit Reason = new(2000, TextKind.Prose);

    public static readonly TextLimit Note = new(2000, TextKind.Prose);

    /// <summary>Where a fact comes from (a report, a URL).</summary>
    public static readonly TextLimit Source = new(500, TextKind.Prose);

    /// <summary>A goods description of one item.</summary>
    public static readonly TextLimit Description = new(200);

    /// <summary>Answers, questions, reports and decision texts.</summary>
    public static readonly TextLimit Text = new(8000, TextKind.Prose);

    /// <summary>A set of flags written as names, e.g. a question's operator roles: every name of the enum together fits.</summary>
    public static readonly TextLimit FlagNames = new(500);

    // Numbers.

    public static readonly NumberLimit Employees = new(0, 10_000_000);

    /// <summary>An amount of money: a turnover, a customs value, a cap (a quadrillion is beyond any trade).</summary>
    public static readonly NumberLimit Money = new(0, 1_000_000_000_000_000m, Whole: false);

    /// <summary>A risk rule's score: negative scores lower the total.</summary>
    public static readonly NumberLimit Score = new(-1000, 1000);

    /// <summary>A score from which a lane applies.</summary>
    public static readonly NumberLimit Threshold = new(1, 10_000);

    /// <summary>Points an AEO, MRA, supply-chain or agency credit takes off.</summary>
    public static readonly NumberLimit Credit = new(0, 1000);

    /// <summary>A share or a rate: 0 (none) to 1 (all).</summary>
    public static readonly NumberLimit Share = new(0, 1, Whole: false);

    /// <summary>A seed for reproducible random draws.</summary>
    public static readonly NumberLimit Seed = new(0, long.MaxValue);

    /// <summary>Bootstrap replicates of a study (0: no bootstrap intervals); the same bound as the study's own check.</summary>
    public static readonly NumberLimit Bootstrap = new(0, 100_000);

    public static readonly NumberLimit Year = new(1990, 2100);

    /// <summary>A certificate's fixed validity in years.</summary>
    public static readonly NumberLimit ValidityYears = new(1, 20);

    /// <summary>An SLA in business days.</summary>
    public static readonly NumberLimit BusinessDays = new(0, 1000);

    /// <summary>The response period to a notice of intent, in local days (ADR 0032).</summary>
    public static readonly NumberLimit HearingDays = new(1, 180);

    /// <summary>Days before a self-review's anniversary that its reminder window opens (ADR 0040).</summary>
    public static readonly NumberLimit SelfReviewWindowDays = new(1, 180);

    /// <summary>Years between periodic reassessments; 0 for none (ADR 0040).</summary>
    public static readonly NumberLimit ReassessmentYears = new(0, 10);

    /// <summary>Business days within which a triggered reassessment is due (ADR 0040).</summary>
    public static readonly NumberLimit TriggeredReassessmentDays = new(1, 250);

    /// <summary>An id the API gave out (applications, chains, studies).</summary>
    public static readonly NumberLimit Id = new(1, int.MaxValue);

    /// <summary>A page of a list, 1-based; far beyond any real list, and small enough that page × size never overflows.</summary>
    public static readonly NumberLimit Page = new(1, 1_000_000);

    public static readonly NumberLimit PageSize = new(1, 500);

    /// <summary>A list's sort: one field name, with a leading '-' for descending.</summary>
    public static readonly TextLimit Sort = new(50);

    /// <summary>How many rows of a list to skip.</summary>
    public static readonly NumberLimit Skip = new(0, 100_000_000);

    /// <summary>A position or a size in a partner's status log.</summary>
    public static readonly NumberLimit LogIndex = new(0, long.MaxValue);

    // Dates and lists.

    /// <summary>Any business day: an MRA's dates, a certificate's validity, a due date, a holiday.</summary>
    public static readonly DateLimit Day = new(new DateOnly(1900, 1, 1), new DateOnly(2199, 12, 31));

    /// <summary>Any instant (its UTC day): an arrival, an appointment.</summary>
    public static readonly DateLimit Instant = Day;

    /// <summary>Entries of a list: roles, parties, reasons, rules, questions.</summary>
    public static readonly ListLimit Entries = new(1000);

    /// <summary>The days a visitor proposes for a prior consultation.</summary>
    public static readonly ListLimit PreferredDates = new(5);

    /// <summary>The coded reasons of one rejection.</summary>
    public static readonly ListLimit RejectionReasons = new(50, Code);

    /// <summary>Documents of an application attached to one response (ADR 0032).</summary>
    public static readonly ListLimit Documents = new(50, Id);

    /// <summary>The event types a webhook subscription asks for (the catalogue has ten).</summary>
    public static readonly ListLimit WebhookEventTypes = new(20, Keyword);

    /// <summary>The kinds of notification a person asks to receive by e-mail (the catalogue has six).</summary>
    public static readonly ListLimit NotificationKinds = new(20, Keyword);

    /// <summary>The columns a study groups its cells by.</summary>
    public static readonly ListLimit StudyGroups = new(10, StudyTerm);

    /// <summary>Items of one declaration (the WCO data model's 999).</summary>
    public static readonly ListLimit DeclarationItems = new(999);

    private static readonly Dictionary<string, FieldLimit> ByName = typeof(Limits)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.GetValue(null) is FieldLimit)
        .ToDictionary(f => f.Name, f => (FieldLimit)f.GetValue(null)!, StringComparer.Ordinal);

    /// <summary>The limit with this name (<c>nameof(Limits.LegalName)</c>).</summary>
    public static FieldLimit Named(string name) =>
        ByName.TryGetValue(name, out var limit) ? limit : throw new ArgumentException($"There is no limit named '{name}'.", nameof(name));

    /// <summary>Every limit by name.</summary>
    public static IReadOnlyDictionary<string, FieldLimit> All => ByName;

    /// <summary>The limit a value of this type has when its field names none: every date is a <see cref="Day"/>, every list has at most
    /// <see cref="Entries"/>.</summary>
    public static FieldLimit? ForType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum && t.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            // A set of flags travels as its names ("Importer, Exporter"), which the schema cannot list as an enum.
            return FlagNames;
        }

        if (t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return t == typeof(DateOnly) ? Day : Instant;
        }

        return t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? Entries : null;
    }
}
