using Microsoft.AspNetCore.Mvc;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Localization;
using OpenAeo.Registry;

namespace OpenAeo.Portal;

/// <summary>One benefit of the catalogue in the caller's language.</summary>
/// <param name="Key">Stable: <c>benefit:12</c> (the programme's own, <paramref name="Id"/> 12), <c>agency:FDA:0</c>,
/// <c>mra:3:0</c>.</param>
/// <param name="Automatic">Whether OpenAeo delivers it by itself; <paramref name="HowDelivered"/> names the mechanism or the
/// procedure.</param>
/// <param name="Language">The language <paramref name="Title"/> and <paramref name="Description"/> are in (the registry's, when the
/// caller's is missing).</param>
/// <param name="Source">The agency's code or the MRA's id, for benefits read from those registries.</param>
internal sealed record CatalogueBenefitResponse(
    string Key,
    int? Id,
    string Kind,
    string Family,
    string FamilyLabel,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<string> Places,
    string Delivery,
    bool Automatic,
    string HowDelivered,
    string Language,
    string Title,
    string Description,
    string? Source,
    IReadOnlyList<string> Partners
);

internal sealed record CatalogueResponse(
    string Programme,
    string ProgrammeName,
    string? Role,
    string? Tier,
    string Language,
    DateOnly Day,
    IReadOnlyList<CatalogueBenefitResponse> Benefits
);

/// <summary>A programme's catalogue on a day (in the programme's zone), before any filter.</summary>
internal sealed record CatalogueView(Programme Programme, DateOnly Day, IReadOnlyList<CatalogueEntry> Entries);

/// <summary>
/// Issue 13, item 2: <c>GET /api/v1/programmes/{code}/benefits?role=&amp;tier=</c>, for anyone. The programme's own benefits,
/// the agencies' (this node's programme only: the agencies registry is this administration's) and those of every MRA in
/// force for the programme's economy, composed by <see cref="BenefitCatalogue"/>.
/// </summary>
internal static class BenefitsCatalogue
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/programmes/{code}/benefits", Handle).WithName("ListBenefits");

    [AllowAnonymous]
    [EndpointSummary(
        "A programme's benefits catalogue: its customs and SME benefits, the agencies' and each MRA in "
            + "force's, each tagged by role, tier and place, and whether OpenAeo delivers it automatically; in "
            + "the Accept-Language language."
    )]
    public static async Task<Results<Ok<CatalogueResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        [Limit(nameof(Limits.ProgrammeCode))] string code,
        [FromQuery, Limit(nameof(Limits.Keyword))] string? role,
        [FromQuery, Limit(nameof(Limits.Tier))] string? tier,
        OpenAeoDb db,
        NodeIdentity node,
        BenefitWords words,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        // Load.
        if (await Load(db, code, node.Economy, clock, ct) is not { } view)
        {
            return Problems.NotFound($"There is no programme with code '{code}'.");
        }

        // Decide.
        var filter = ParseFilter(view.Programme, role, tier);
        if (!filter.IsOk)
        {
            return Problems.Invalid(filter.Errors);
        }

        var (asRole, asTier) = filter.Value;
        var language = Languages.Current;
        return TypedResults.Ok(
            new CatalogueResponse(
                view.Programme.Code,
                view.Programme.Name,
                asRole == OperatorRoles.None ? null : asRole.ToString(),
                asTier,
                language,
                view.Day,
                [.. BenefitCatalogue.Filter(view.Entries, asRole, asTier).Select(e => Response(e, words, language))]
            )
        );
    }

    public static async Task<CatalogueView?> Load(OpenAeoDb db, string code, string nodeEconomy, TimeProvider clock, CancellationToken ct)
    {
        if (await ProgrammeBenefits.FindProgrammeAsync(db, code, ct) is not { } programme)
        {
            return null;
        }

        var day = CalendarDays.DayOf(clock.GetUtcNow(), TimeZones.Find(programme.TimeZone) ?? TimeZoneInfo.Utc);
        var own = await db.Benefits().AsNoTracking().Where(b => b.ProgrammeCode == programme.Code).ToListAsync(ct);
        var agencies =
            programme.EconomyCode == nodeEconomy
                ? (await db.Agencies().AsNoTracking().OrderBy(a => a.Code).ToListAsync(ct)).SelectMany(a =>
                    AgencyCatalogue.Entries(a.ToDomain(), Languages.Default)
                )
                : [];
        var blocs = await MraRegistry.BlocMembersAsync(db, ct);
        var mras = (await db.Mras().AsNoTracking().Where(m => m.Status == MraStatus.InForce).OrderBy(m => m.Id).ToListAsync(ct)).SelectMany(
            m => MraCatalogue.Entries(programme.EconomyCode, m.Id, m.Name, MraRegistry.Terms(m, blocs), m.Benefits, day, Languages.Default)
        );
        return new CatalogueView(
            programme,
            day,
            BenefitCatalogue.Compose(own, [.. agencies], [.. mras, .. EcommerceBenefits.Entries(programme)])
        );
    }

    /// <summary>The page's and the API's filter: a role by name, a tier of the programme; blank means any.</summary>
    public static Result<(OperatorRoles Role, string? Tier)> ParseFilter(Programme programme, string? role, string? tier)
    {
        var errors = new List<DomainError>();
        var asRole = OperatorRoles.None;
        if (!string.IsNullOrWhiteSpace(role))
        {
            if (OperatorRoleNames.ParseOne(role) is { } parsed)
            {
                asRole = parsed;
            }
            else
            {
                errors.Add(
                    new(
                        "benefits.role",
                        $"'{role}' is not an operator role; use one of {string.Join(", ", OperatorRoleNames.All)}.",
                        "role"
                    )
                );
            }
        }

        string? asTier = null;
        if (!string.IsNullOrWhiteSpace(tier))
        {
            asTier = programme.Tiers.FirstOrDefault(t => string.Equals(t, tier.Trim(), StringComparison.OrdinalIgnoreCase));
            if (asTier is null)
            {
                errors.Add(
                    new(
                        "benefits.tier",
                        programme.Tiers.Count == 0
                            ? $"Programme {programme.Code} has no tiers."
                            : $"'{tier}' is not a tier of programme {programme.Code} ({string.Join(", ", programme.Tiers)}).",
                        "tier"
                    )
                );
            }
        }

        return errors.Count > 0 ? Result<(OperatorRoles, string?)>.Fail(errors) : Result<(OperatorRoles, string?)>.Ok((asRole, asTier));
    }

    private static CatalogueBenefitResponse Response(CatalogueEntry e, BenefitWords words, string language)
    {
        var text = e.TextIn(language, Languages.Default);
        return new CatalogueBenefitResponse(
            e.Key,
            e.Id,
            e.Kind.ToString(),
            e.Family.ToString(),
            words.Family(e.Family),
            [.. OperatorRoleNames.Split(e.Roles).Select(r => r.ToString())],
            e.Tiers,
            ProgrammeBenefitResponse.PlaceNames(e.Places),
            e.Delivery.ToString(),
            e.Automatic,
            words.Delivery(e.Delivery),
            text.Language,
            text.Title,
            text.Description,
            e.Source,
            e.Partners ?? []
        );
    }
}
