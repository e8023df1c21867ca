using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <param name="Rules">Rules to add or replace (by id) for the whole period.</param>
/// <param name="Remove">Ids of rules to leave out.</param>
internal sealed record SimulationScenario(
    DateOnly? From,
    DateOnly? To,
    ProposedRule[]? Rules,
    [Limit(nameof(Limits.Code))] string[]? Remove
);

internal sealed record GroupShares(string Group, LaneShares Current, LaneShares Proposed);

internal sealed record SimulationResult(
    DateOnly From,
    DateOnly To,
    int Declarations,
    int LanesChanged,
    IReadOnlyList<GroupShares> Groups,
    IReadOnlyList<string> RuleSet
);

/// <summary>
/// Replays the declarations lodged in a past period through the rules as they were and through a changed rule set,
/// and compares the lane shares overall and for AEOs, SMEs and consignors recognised under an MRA, before anyone
/// deploys the change. Both sides are decided again against today's recognition and agencies, with the same random
/// draws, so the difference is the rule change alone.
/// </summary>
internal static class SimulateRules
{
    public const int MaxDeclarations = 500_000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/clearance/simulations", Execute)
            .AnswersOk<SimulationResult>()
            .WithSummary(
                $"Lane shares of a past period under the current and a changed rule set (at most {MaxDeclarations:N0} declarations)."
            );

    [Authorize(ClearanceModule.RuleEditors)]
    public static async Task<Result<SimulationResult>> Execute(
        SimulationScenario body,
        Actor actor,
        OpenAeoDb db,
        NodeIdentity node,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<SimulationResult>.Fail(outOfLimits);
        }

        var today = CalendarDays.DayOf(clock.GetUtcNow(), await db.HomeZoneAsync(node.Economy, ct));
        var from = body.From ?? today.AddDays(-30);
        var to = body.To ?? today;
        if (from > to)
        {
            return new DomainError("simulation.period", "The period starts after it ends.", "from");
        }

        var snapshot = await SelectivitySnapshot.LoadAsync(db, node.Economy, null, clock, ct);
        var changed = new List<RiskRule>();
        var errors = new List<DomainError>();
        foreach (var r in body.Rules ?? [])
        {
            var parsed = RiskRules.Parse(r, 0, from);
            if (parsed.IsOk)
            {
                changed.Add(parsed.Value!);
            }
            else
            {
                errors.AddRange(parsed.Errors);
            }
        }

        if (errors.Count > 0)
        {
            return Result<SimulationResult>.Fail(errors);
        }

        var leaveOut = changed.Select(c => c.Id).Concat(body.Remove ?? []).ToHashSet(StringComparer.Ordinal);
        var proposed = snapshot.WithRules([.. snapshot.Rules.Where(r => !leaveOut.Contains(r.Id)), .. changed]);

        var count = await db.Declarations().CountAsync(d => d.LodgedOn >= from && d.LodgedOn <= to, ct);
        if (count > MaxDeclarations)
        {
            return new DomainError(
                "simulation.too-large",
                $"The period holds {count:N0} declarations; simulate at most {MaxDeclarations:N0} (a shorter period).",
                "to"
            );
        }

        var outcomes = new List<(Lane Current, Lane Proposed, bool Aeo, bool Sme, bool Mra)>(count);
        var query = db.Declarations()
            .AsNoTracking()
            .Include(d => d.Items)
            .Where(d => d.LodgedOn >= from && d.LodgedOn <= to)
            .OrderBy(d => d.Id)
            .AsSplitQuery();
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            var details = Details(row);
            var now = snapshot.Decide(details, row.LodgedAt);
            var then = proposed.Decide(details, row.LodgedAt);
            var principal = now.Standings.FirstOrDefault(s => details.Principal is { } p && s.Role == p.Role);
            var consignor = now.Standings.FirstOrDefault(s => details.ForeignConsignor is { } c && s.Role == c.Role);
            outcomes.Add(
                (
                    now.Decision.Lane,
                    then.Decision.Lane,
                    principal?.IsAeo == true,
                    now.PrincipalSme,
                    consignor?.Status == RecognitionResult.RecognisedUnderMra
                )
            );
        }

        GroupShares Group(string name, Func<(Lane, Lane, bool Aeo, bool Sme, bool Mra), bool> filter)
        {
            var rows = outcomes.Where(filter).ToList();
            return new(name, LaneShares.Of(rows.Select(r => r.Item1)), LaneShares.Of(rows.Select(r => r.Item2)));
        }

        var result = new SimulationResult(
            from,
            to,
            outcomes.Count,
            outcomes.Count(o => o.Current != o.Proposed),
            [
                Group("All", _ => true),
                Group("AEO importers", o => o.Aeo),
                Group("Non-AEO importers", o => !o.Aeo),
                Group("SME importers", o => o.Sme),
                Group("MRA-recognised consignors", o => o.Mra),
            ],
            [.. proposed.Rules.Select(r => $"{r.Id} v{r.Version}: {r.Name}")]
        );
        db.Audit(
            clock.GetUtcNow(),
            actor.Name,
            "risk-rules.simulated",
            "risk-rules",
            null,
            new
            {
                from,
                to,
                declarations = result.Declarations,
                result.LanesChanged,
            }
        );
        await db.SaveChangesAsync(ct);
        return Result<SimulationResult>.Ok(result);
    }

    /// <summary>A stored declaration as it was stated, for a replay.</summary>
    public static DeclarationDetails Details(Declaration row) =>
        new(
            row.Reference,
            row.Type,
            row.Mode,
            row.OriginEconomy,
            row.DestinationEconomy,
            row.Office,
            row.OfficeTimeZone,
            [
                .. Declarations
                    .Roles.Where(r => row.PartyTin(r) is not null)
                    .Select(r => new DeclarationParty(r, Tin.Parse(row.PartyTin(r)).Value)),
            ],
            [.. row.Items.OrderBy(i => i.Line).Select(i => new DeclarationItem(i.Line, i.HsCode, i.CustomsValue, i.Description))],
            row.CustomsValue,
            row.LowValueEcommerce
        );
}
