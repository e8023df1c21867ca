using OpenAeo.Certification;
using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>
/// The registry's own headline figures for a programme, as of a day in its time zone. <paramref name="SmeAeos"/> is null
/// when fewer than <see cref="HomeProgramme.SmallCell"/> SMEs hold a certificate, so a figure cannot point at a company.
/// </summary>
public sealed record RegistryHeadlines(int Aeos, int? SmeAeos, int OperatorsRegistered, int ApplicationsInProgress, DateOnly AsOf);

/// <summary>What the public home says about this node's own programme (issue 13, item 1): the programme and its figures.</summary>
public sealed record HomeProgrammeView(
    string Code,
    string Name,
    string EconomyName,
    Tracks Tracks,
    SlaPolicy Sla,
    SmeDefinition Sme,
    ValidityPolicy Validity,
    IReadOnlyList<string> Tiers,
    RegistryHeadlines Headlines
);

internal static class HomeProgramme
{
    /// <summary>Figures under this are shown as "fewer than 5" (the same threshold the Insights summary suppresses below).</summary>
    public const int SmallCell = 5;

    /// <summary>The node's programme (the first of its economy by code, as recognition takes it); null when the node has none.</summary>
    public static async Task<HomeProgrammeView?> Load(OpenAeoDb db, string nodeEconomy, TimeProvider clock, CancellationToken ct)
    {
        var programme = await db.Programmes()
            .AsNoTracking()
            .Where(p => p.EconomyCode == nodeEconomy)
            .OrderBy(p => p.Code)
            .FirstOrDefaultAsync(ct);
        if (programme is null)
        {
            return null;
        }

        var today = CalendarDays.DayOf(clock.GetUtcNow(), TimeZones.Find(programme.TimeZone) ?? TimeZoneInfo.Utc);
        var holders = await db.Certificates()
            .AsNoTracking()
            .Where(c =>
                c.ProgrammeCode == programme.Code
                && c.Status == CertificateStatus.Active
                && c.ValidFrom <= today
                && (c.ValidUntil == null || c.ValidUntil >= today)
            )
            .Select(c => c.OperatorTin)
            .Distinct()
            .ToListAsync(ct);
        var sizes = await db.Operators()
            .AsNoTracking()
            .Where(o => holders.Contains(o.Tin))
            .Select(o => new { o.Employees, o.Turnover })
            .ToListAsync(ct);
        var smes = sizes.Count(s => programme.SmeDefinition.Classify(s.Employees, s.Turnover) == SmeClass.Sme);
        var registered = await db.Operators().CountAsync(o => o.EconomyCode == nodeEconomy, ct);
        var inProgress = await db.Applications().CountAsync(a => a.ProgrammeCode == programme.Code && !NotUnderWay.Contains(a.State), ct);
        var economy = await db.Economies().AsNoTracking().Where(e => e.Code == nodeEconomy).Select(e => e.Name).SingleOrDefaultAsync(ct)
            ?? nodeEconomy;
        return new HomeProgrammeView(
            programme.Code,
            programme.Name,
            economy,
            programme.Tracks,
            programme.Sla,
            programme.SmeDefinition,
            programme.Validity,
            programme.Tiers,
            new RegistryHeadlines(holders.Count, smes < SmallCell ? null : smes, registered, inProgress, today)
        );
    }

    // A draft is still the trader's own; a decided application is no longer in progress.
    private static readonly ApplicationState[] NotUnderWay =
    [
        ApplicationState.Draft,
        ApplicationState.Granted,
        ApplicationState.Rejected,
        ApplicationState.Withdrawn,
    ];
}
