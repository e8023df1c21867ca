using System.Text.Json;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;

namespace OpenAeo.Clearance;

/// <summary>A decided declaration as the rows that store it, for a live lodgement and for an import of past ones alike.</summary>
internal static class DeclarationRows
{
    /// <summary>The rows for a decided declaration: the declaration, its items, its agency cases and its first events.</summary>
    /// <param name="history">Milestones already known (an import of past declarations); null for a live lodgement, whose
    /// registration and lane happen now and whose Green or Blue lane releases at once when no permit is awaited.</param>
    public static (Declaration Row, List<DeclarationEvent> Events, List<AgencyCase> Cases) For(
        DecidedDeclaration x,
        Guid id,
        string actor,
        DateTimeOffset? arrival,
        IReadOnlyList<(Milestone Milestone, DateTimeOffset At)>? history,
        DateTimeOffset now
    )
    {
        var d = x.Details;
        var principal = x.Standings.FirstOrDefault(s => d.Principal is { } p && s.Role == p.Role);
        var consignor = d.ForeignConsignor is { } fc ? x.Standings.FirstOrDefault(s => s.Role == fc.Role) : null;
        var row = new Declaration
        {
            Id = id,
            Reference = d.Reference,
            Type = d.Type,
            Mode = d.Mode,
            OriginEconomy = d.OriginEconomy,
            DestinationEconomy = d.DestinationEconomy,
            Office = d.Office,
            OfficeTimeZone = d.OfficeTimeZone,
            CustomsValue = d.CustomsValue,
            LowValueEcommerce = d.LowValueEcommerce,
            ArrivalAt = arrival,
            LodgedAt = x.LodgedAt,
            LodgedOn = x.LodgedOn,
            Lane = x.Decision.Lane,
            Score = x.Decision.Score,
            RandomlySelected = x.Decision.Random.Selected,
            PrincipalStatus = principal?.Status ?? RecognitionResult.Unknown,
            PrincipalSme = x.PrincipalSme,
            ConsignorStatus = consignor?.Status ?? (d.ForeignConsignor is null ? null : RecognitionResult.Unknown),
            ConsignorMra = consignor?.Mra,
            Explanation = JsonSerializer.Serialize(x.Decision, ClearanceJson.Options),
            SubmittedBy = actor,
            Items =
            [
                .. d.Items.Select(i => new DeclarationItemRow
                {
                    DeclarationId = id,
                    Line = i.Line,
                    HsCode = i.HsCode,
                    CustomsValue = i.CustomsValue,
                    Description = i.Description,
                }),
            ],
        };
        foreach (var p in d.Parties)
        {
            row.SetParty(p.Role, p.Tin.Value);
        }

        var cases = x
            .Decision.Agencies.Select(a => new AgencyCase
            {
                DeclarationId = id,
                Agency = a.Agency,
                PermitRequired = a.PermitRequired,
                DocumentaryCheck = a.DocumentaryCheck,
                DocumentaryCheckWaived = a.DocumentaryCheckWaived,
                JointInspection = a.JointInspection,
            })
            .ToList();
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
        var events = life
            .Events.Select(e => new DeclarationEvent
            {
                DeclarationId = id,
                Milestone = e.Milestone,
                At = e.At,
                Actor = actor,
                Agency = e.Agency,
            })
            .ToList();
        return (row, events, cases);
    }
}
