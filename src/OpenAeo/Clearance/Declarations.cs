using System.Text.Json;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record DeclaredParty([Limit(nameof(Limits.Keyword))] string? Role, [Limit(nameof(Limits.Tin))] string? Tin);

internal sealed record DeclaredItem(
    [Limit(nameof(Limits.HsCode))] string? HsCode,
    [Limit(nameof(Limits.Money))] decimal? CustomsValue,
    [Limit(nameof(Limits.Description))] string? Description
);

internal sealed record ItemResponse(int Line, string HsCode, decimal CustomsValue, string? Description);

/// <summary>The explanation: everything for officers; for the trader rule internals and scores are left out.</summary>
internal sealed record ExplanationResponse(
    IReadOnlyList<RuleHit> Rules,
    IReadOnlyList<CreditApplied> Credits,
    object Random,
    IReadOnlyList<object> Agencies,
    int? Score,
    int? ScoreBeforeCredits,
    int? YellowFrom,
    int? RedFrom,
    IReadOnlyList<string> Causes,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Summary
);

internal sealed record EventResponse(string Milestone, DateTimeOffset At, string Actor, string? Agency, string? Note);

internal sealed record AgencyCaseResponse(
    string Agency,
    bool PermitRequired,
    string? PermitStatus,
    bool DocumentaryCheck,
    bool DocumentaryCheckWaived,
    bool JointInspection,
    DateTimeOffset? AppointmentAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Note
);

internal sealed record DeclarationResponse(
    Guid Id,
    string Reference,
    string Type,
    string Mode,
    string OriginEconomy,
    string DestinationEconomy,
    string Office,
    string OfficeTimeZone,
    IReadOnlyList<DeclaredParty> Parties,
    IReadOnlyList<ItemResponse> Items,
    decimal CustomsValue,
    bool LowValueEcommerce,
    DateTimeOffset? ArrivalAt,
    DateTimeOffset LodgedAt,
    DateOnly LodgedOn,
    DateTimeOffset? ReleasedAt,
    DateTimeOffset? DeliveredAt,
    string Lane,
    string Status,
    string PrincipalStatus,
    string? ConsignorStatus,
    string? ConsignorMra,
    ExplanationResponse Explanation,
    IReadOnlyList<AgencyCaseResponse>? AgencyCases,
    IReadOnlyList<EventResponse>? Events
);

/// <summary>The declaration read model: rows into responses, and who may see which declaration and how much of it.</summary>
internal static class Declarations
{
    public static readonly PartyRole[] Roles = Enum.GetValues<PartyRole>();

    /// <summary>
    /// Customs officers see every declaration; an agency officer those its agency has a case on; a trader those it is the
    /// importer, exporter, customs broker or e-commerce platform of.
    /// </summary>
    public static bool CanSee(Actor actor, Declaration d, IReadOnlyCollection<AgencyCase> cases) =>
        actor.Role switch
        {
            Role.Trader => actor.OperatorTin is { } tin
                && (d.ImporterTin == tin || d.ExporterTin == tin || d.CustomsBrokerTin == tin || d.EcommercePlatformTin == tin),
            Role.OgaOfficer => cases.Any(c => string.Equals(c.Agency, actor.Agency, StringComparison.OrdinalIgnoreCase)),
            Role.Partner => false,
            _ => true,
        };

    /// <summary>Customs' own risk rules, scores and draws are for customs: an agency officer reads the safe version, like the
    /// trader.</summary>
    public static bool SeesInternals(Actor actor) => Permissions.Allows(actor.Role, Permission.SeeDeclarationInternals);

    /// <summary>The declaration as the clearance rules read it: its lane, the milestones reached and its permits.</summary>
    public static ClearanceState State(Declaration d, IEnumerable<DeclarationEvent> events, IEnumerable<AgencyCase> cases) =>
        new(
            d.Lane,
            events.Select(e => e.Milestone).ToHashSet(),
            [.. cases.Where(c => c.PermitStatus is not null).Select(c => c.PermitStatus!.Value)]
        );

    /// <param name="decided">The decision when it was just made (a lodging), instead of reading it back from its stored JSON.</param>
    public static DeclarationResponse Response(
        Declaration d,
        IReadOnlyList<AgencyCase> cases,
        IReadOnlyList<DeclarationEvent>? events,
        Actor actor,
        LaneDecision? decided = null
    )
    {
        var decision = decided ?? JsonSerializer.Deserialize<LaneDecision>(d.Explanation, ClearanceJson.Options)!;
        var full = SeesInternals(actor);
        var explanation = full
            ? new ExplanationResponse(
                decision.Rules,
                decision.Credits,
                decision.Random,
                [.. decision.Agencies.Cast<object>()],
                decision.Score,
                decision.ScoreBeforeCredits,
                decision.YellowFrom,
                decision.RedFrom,
                [.. decision.Causes.Select(c => c.ToString())],
                decision.Notes,
                decision.ForTrader()
            )
            : new ExplanationResponse(
                [],
                decision.Credits,
                new { decision.Random.Selected },
                [
                    .. decision.Agencies.Select(a =>
                        (object)
                            new
                            {
                                a.Agency,
                                a.AgencyName,
                                a.PermitRequired,
                                a.DocumentaryCheck,
                                a.DocumentaryCheckWaived,
                                a.JointInspection,
                            }
                    ),
                ],
                null,
                null,
                null,
                null,
                [],
                [],
                decision.ForTrader()
            );
        var parties = Roles.Where(r => d.PartyTin(r) is not null).Select(r => new DeclaredParty(r.ToString(), d.PartyTin(r))).ToList();
        var status = DeclarationHistory.Status(State(d, events ?? [], cases), d.ReleasedAt is not null, d.DeliveredAt is not null);
        return new DeclarationResponse(
            d.Id,
            d.Reference,
            d.Type.ToString(),
            d.Mode.ToString(),
            d.OriginEconomy,
            d.DestinationEconomy,
            d.Office,
            d.OfficeTimeZone,
            parties,
            [.. d.Items.OrderBy(i => i.Line).Select(i => new ItemResponse(i.Line, i.HsCode, i.CustomsValue, i.Description))],
            d.CustomsValue,
            d.LowValueEcommerce,
            d.ArrivalAt,
            d.LodgedAt,
            d.LodgedOn,
            d.ReleasedAt,
            d.DeliveredAt,
            d.Lane.ToString(),
            status.ToString(),
            d.PrincipalStatus.ToString(),
            d.ConsignorStatus?.ToString(),
            d.ConsignorMra,
            explanation,
            [
                .. cases.Select(c => new AgencyCaseResponse(
                    c.Agency,
                    c.PermitRequired,
                    c.PermitStatus?.ToString(),
                    c.DocumentaryCheck,
                    c.DocumentaryCheckWaived,
                    c.JointInspection,
                    c.AppointmentAt,
                    full ? c.DecidedBy : null,
                    c.DecidedAt,
                    c.Note
                )),
            ],
            events
                ?.OrderBy(e => e.At)
                .ThenBy(e => e.Id)
                .Select(e => new EventResponse(e.Milestone.ToString(), e.At, full ? e.Actor : "", e.Agency, full ? e.Note : null))
                .ToList()
        );
    }
}
