using System.Text.Json;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

internal sealed record PartyBody([Limit(nameof(Limits.Keyword))] string? Role, [Limit(nameof(Limits.Tin))] string? Tin);

internal sealed record ItemBody([Limit(nameof(Limits.HsCode))] string? HsCode, [Limit(nameof(Limits.Money))] decimal? CustomsValue, [Limit(nameof(Limits.Description))] string? Description);

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
    IReadOnlyList<string> Summary);

internal sealed record EventResponse(string Milestone, DateTimeOffset At, string Actor, string? Agency, string? Note);

internal sealed record AgencyCaseResponse(string Agency, bool PermitRequired, string? PermitStatus, bool DocumentaryCheck, bool DocumentaryCheckWaived,
    bool JointInspection, DateTimeOffset? AppointmentAt, string? DecidedBy, DateTimeOffset? DecidedAt, string? Note);

internal sealed record DeclarationResponse(
    Guid Id,
    string Reference,
    string Type,
    string Mode,
    string OriginEconomy,
    string DestinationEconomy,
    string Office,
    string OfficeTimeZone,
    IReadOnlyList<PartyBody> Parties,
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
    IReadOnlyList<EventResponse>? Events);

/// <summary>Turning decisions into rows and rows into responses; who may see which declaration.</summary>
internal static class Declarations
{
    public static readonly PartyRole[] Roles = Enum.GetValues<PartyRole>();

    /// <summary>
    /// Customs officers see every declaration; an agency officer those its agency has a case on; a trader those it is the
    /// importer, exporter or customs broker of.
    /// </summary>
    public static bool CanSee(Actor actor, Declaration d, IReadOnlyCollection<AgencyCase> cases) => actor.Role switch
    {
        Role.Trader => actor.OperatorTin is { } tin && (d.ImporterTin == tin || d.ExporterTin == tin || d.CustomsBrokerTin == tin),
        Role.OgaOfficer => cases.Any(c => string.Equals(c.Agency, actor.Agency, StringComparison.OrdinalIgnoreCase)),
        Role.Partner => false,
        _ => true,
    };

    /// <summary>Customs' own risk rules, scores and draws are for customs: an agency officer reads the safe version, like the trader.</summary>
    public static bool SeesInternals(Actor actor) => actor.Role is Role.Admin or Role.BorderOfficer or Role.Analyst;

    /// <summary>The rows for a decided declaration: the declaration, its items, its agency cases and its first events.</summary>
    /// <param name="history">Milestones already known (an import of past declarations); null for a live lodgement, whose
    /// registration and lane happen now and whose Green or Blue lane releases at once when no permit is awaited.</param>
    public static (Declaration Row, List<DeclarationEvent> Events, List<AgencyCase> Cases) Rows(
        DecidedDeclaration x, Guid id, string actor, DateTimeOffset? arrival, IReadOnlyList<(Milestone Milestone, DateTimeOffset At)>? history, DateTimeOffset now)
    {
        var d = x.Details;
        var principal = x.Standings.FirstOrDefault(s => d.Principal is { } p && s.Role == p.Role);
        var consignor = d.ForeignConsignor is { } fc ? x.Standings.FirstOrDefault(s => s.Role == fc.Role) : null;
        var row = new Declaration
        {
            Id = id, Reference = d.Reference, Type = d.Type, Mode = d.Mode, OriginEconomy = d.OriginEconomy, DestinationEconomy = d.DestinationEconomy,
            Office = d.Office, OfficeTimeZone = d.OfficeTimeZone, CustomsValue = d.CustomsValue, LowValueEcommerce = d.LowValueEcommerce,
            ArrivalAt = arrival, LodgedAt = x.LodgedAt, LodgedOn = x.LodgedOn, Lane = x.Decision.Lane, Score = x.Decision.Score,
            RandomlySelected = x.Decision.Random.Selected, PrincipalStatus = principal?.Status ?? RecognitionResult.Unknown, PrincipalSme = x.PrincipalSme,
            ConsignorStatus = consignor?.Status ?? (d.ForeignConsignor is null ? null : RecognitionResult.Unknown), ConsignorMra = consignor?.Mra,
            Explanation = JsonSerializer.Serialize(x.Decision, ClearanceJson.Options), SubmittedBy = actor,
            Items = [.. d.Items.Select(i => new DeclarationItemRow { DeclarationId = id, Line = i.Line, HsCode = i.HsCode, CustomsValue = i.CustomsValue, Description = i.Description })],
        };
        foreach (var p in d.Parties)
        {
            row.SetParty(p.Role, p.Tin.Value);
        }

        var cases = x.Decision.Agencies.Select(a => new AgencyCase
        {
            DeclarationId = id, Agency = a.Agency, PermitRequired = a.PermitRequired, DocumentaryCheck = a.DocumentaryCheck,
            DocumentaryCheckWaived = a.DocumentaryCheckWaived, JointInspection = a.JointInspection,
        }).ToList();
        var permitCases = cases.Where(c => c.PermitRequired).ToList();
        string[] permitAgencies = [.. permitCases.Select(c => c.Agency)];
        var life = history is null
            ? DeclarationHistory.Lodged(row.Lane, permitAgencies, arrival, x.LodgedAt, now)
            : DeclarationHistory.Replayed(permitAgencies, arrival, history);
        foreach (var (c, permit) in permitCases.Zip(life.Permits))
        {
            c.PermitStatus = permit.Status;
            c.DecidedAt = permit.DecidedAt;
            c.DecidedBy = permit.DecidedAt is null ? null : actor;
        }

        row.ArrivalAt = life.ArrivalAt;
        row.ReleasedAt = life.ReleasedAt;
        row.DeliveredAt = life.DeliveredAt;
        var events = life.Events.Select(e => new DeclarationEvent { DeclarationId = id, Milestone = e.Milestone, At = e.At, Actor = actor, Agency = e.Agency }).ToList();
        return (row, events, cases);
    }

    /// <summary>The declaration as the clearance rules read it: its lane, the milestones reached and its permits.</summary>
    public static ClearanceState State(Declaration d, IEnumerable<DeclarationEvent> events, IEnumerable<AgencyCase> cases) =>
        new(d.Lane, events.Select(e => e.Milestone).ToHashSet(), [.. cases.Where(c => c.PermitStatus is not null).Select(c => c.PermitStatus!.Value)]);

    public static DeclarationResponse Response(Declaration d, IReadOnlyList<AgencyCase> cases, IReadOnlyList<DeclarationEvent>? events, Actor actor)
    {
        var decision = JsonSerializer.Deserialize<LaneDecision>(d.Explanation, ClearanceJson.Options)!;
        var full = SeesInternals(actor);
        var explanation = full
            ? new ExplanationResponse(decision.Rules, decision.Credits, decision.Random, [.. decision.Agencies.Cast<object>()], decision.Score,
                decision.ScoreBeforeCredits, decision.YellowFrom, decision.RedFrom, [.. decision.Causes.Select(c => c.ToString())], decision.Notes, decision.ForTrader())
            : new ExplanationResponse([], decision.Credits, new { decision.Random.Selected },
                [.. decision.Agencies.Select(a => (object)new { a.Agency, a.AgencyName, a.PermitRequired, a.DocumentaryCheck, a.DocumentaryCheckWaived, a.JointInspection })],
                null, null, null, null, [], [], decision.ForTrader());
        var parties = Roles.Where(r => d.PartyTin(r) is not null).Select(r => new PartyBody(r.ToString(), d.PartyTin(r))).ToList();
        var status = DeclarationHistory.Status(State(d, events ?? [], cases), d.ReleasedAt is not null, d.DeliveredAt is not null);
        return new DeclarationResponse(d.Id, d.Reference, d.Type.ToString(), d.Mode.ToString(), d.OriginEconomy, d.DestinationEconomy, d.Office, d.OfficeTimeZone,
            parties, [.. d.Items.OrderBy(i => i.Line).Select(i => new ItemResponse(i.Line, i.HsCode, i.CustomsValue, i.Description))], d.CustomsValue, d.LowValueEcommerce,
            d.ArrivalAt, d.LodgedAt, d.LodgedOn, d.ReleasedAt, d.DeliveredAt, d.Lane.ToString(), status.ToString(),
            d.PrincipalStatus.ToString(), d.ConsignorStatus?.ToString(), d.ConsignorMra,
            explanation,
            [.. cases.Select(c => new AgencyCaseResponse(c.Agency, c.PermitRequired, c.PermitStatus?.ToString(), c.DocumentaryCheck, c.DocumentaryCheckWaived, c.JointInspection, c.AppointmentAt, full ? c.DecidedBy : null, c.DecidedAt, c.Note))],
            events?.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new EventResponse(e.Milestone.ToString(), e.At, full ? e.Actor : "", e.Agency, full ? e.Note : null)).ToList());
    }
}
