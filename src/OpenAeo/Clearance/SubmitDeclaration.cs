using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.MutualRecognition;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <param name="Reference">The declarant's number; OpenAeo assigns one when it is missing.</param>
/// <param name="ArrivalAt">When the goods arrived, if they have (pre-arrival lodgement leaves it empty).</param>
/// <param name="PlatformTin">The e-commerce platform the goods were sold through, a registered operator (ADR 0043).</param>
internal sealed record NewDeclaration(
    [Limit(nameof(Limits.Reference))] string? Reference,
    [Limit(nameof(Limits.Keyword))] string? Type,
    [Limit(nameof(Limits.Keyword))] string? Mode,
    [Limit(nameof(Limits.EconomyCode))] string? OriginEconomy,
    [Limit(nameof(Limits.EconomyCode))] string? DestinationEconomy,
    [Limit(nameof(Limits.OfficeCode))] string? Office,
    [Limit(nameof(Limits.TimeZone))] string? OfficeTimeZone,
    [Limit(nameof(Limits.Entries))] DeclaredParty[]? Parties,
    [Limit(nameof(Limits.DeclarationItems))] DeclaredItem[]? Items,
    [Limit(nameof(Limits.Money))] decimal? CustomsValue,
    bool? LowValueEcommerce,
    DateTimeOffset? ArrivalAt,
    [Limit(nameof(Limits.Tin))] string? PlatformTin = null
)
{
    /// <summary>Text to types, then the domain's checks; every problem is reported at once, by field.</summary>
    public Result<DeclarationDetails> ToDetails(string reference, IReadOnlySet<string> economies)
    {
        var errors = new List<DomainError>();
        var type = Named<DeclarationType>(Type, "type", "declaration type", errors);
        var mode = Named<TransportMode>(Mode, "mode", "transport mode", errors);
        var parties = new List<DeclarationParty>();
        foreach (var p in Parties ?? [])
        {
            var role = Named<PartyRole>(p.Role, "parties", "party role", errors);
            var tin = Tin.Parse(p.Tin);
            if (!tin.IsOk)
            {
                errors.Add(new("declaration.party-tin", $"Party {p.Role}: {tin.Errors[0].Message}", "parties"));
            }
            else if (role is { } r)
            {
                parties.Add(new DeclarationParty(r, tin.Value));
            }
        }

        PlatformParty.Add(PlatformTin, parties, errors);
        var items = (Items ?? [])
            .Select(
                (i, n) =>
                    new DeclarationItem(
                        n + 1,
                        HsCode.Normalise(i.HsCode),
                        i.CustomsValue ?? 0,
                        string.IsNullOrWhiteSpace(i.Description) ? null : i.Description.Trim()
                    )
            )
            .ToList();
        errors.AddRange(
            (Items ?? []).Select((i, n) => (i, n)).Where(x => x.i.CustomsValue is null).Select(x => DeclarationItem.MissingValue(x.n + 1))
        );

        if (errors.Count > 0 || type is null || mode is null)
        {
            return Result<DeclarationDetails>.Fail(errors);
        }

        var details = new DeclarationDetails(
            reference,
            type.Value,
            mode.Value,
            Code(OriginEconomy),
            Code(DestinationEconomy),
            Office?.Trim() ?? "",
            OfficeTimeZone?.Trim() ?? "",
            parties,
            items,
            CustomsValue ?? items.Sum(i => i.CustomsValue),
            LowValueEcommerce ?? false
        );
        return DeclarationDetails.Validate(details, economies);
    }

    private static string Code(string? text) => text?.Trim().ToUpperInvariant() ?? "";

    private static TEnum? Named<TEnum>(string? text, string field, string what, List<DomainError> errors)
        where TEnum : struct, Enum
    {
        if (Enum.TryParse<TEnum>(text?.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add(new("declaration.value", $"'{text}' is not a {what}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.", field));
        return null;
    }
}

/// <summary>
/// Lodges one declaration: checks it, decides its lane against the rules, recognition and agencies in force now,
/// stores it with its explanation and first milestones, and answers with the lane. A trader lodges only as the
/// importer, exporter or customs broker named in it. Over the API, concurrent lodgings share one commit through the shared
/// writer (<see cref="BatchedWrites"/>, ADR 0057); a page or a seeder passes none and saves its lodging on its own.
/// </summary>
internal static class SubmitDeclaration
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/declarations", Execute).AnswersCreated<DeclarationResponse>(d => $"/api/v1/declarations/{d.Id}").WithIdempotency();

    [Authorize(ClearanceModule.Declarants)]
    [EndpointSummary("Lodge a declaration; the answer carries its lane and explanation.")]
    public static Task<Result<DeclarationResponse>> Execute(
        NewDeclaration body,
        Actor actor,
        OpenAeoDb db,
        NodeIdentity node,
        SelectivityCache selectivity,
        DeclarationNumbers numbers,
        TimeProvider clock,
        BatchedWrites? writes,
        CancellationToken ct
    ) => LodgeAsync(body, actor, db, node.Economy, selectivity, numbers, clock, writes, renumberings: 2, ct);

    private static async Task<Result<DeclarationResponse>> LodgeAsync(
        NewDeclaration body,
        Actor actor,
        OpenAeoDb db,
        string nodeEconomy,
        SelectivityCache selectivity,
        DeclarationNumbers numbers,
        TimeProvider clock,
        BatchedWrites? writes,
        int renumberings,
        CancellationToken ct
    )
    {
        if (RequestLimits.Errors(body) is { Count: > 0 } outOfLimits)
        {
            return Result<DeclarationResponse>.Fail(outOfLimits);
        }

        // Instants are stored in UTC (PostgreSQL's timestamptz takes nothing else), whatever offset they came with.
        var now = clock.GetUtcNow().ToUniversalTime();
        var id = Guid.CreateVersion7(now);
        var numbered = string.IsNullOrWhiteSpace(body.Reference);
        var reference = numbered
            ? numbers.Next(body.DestinationEconomy?.Trim().ToUpperInvariant() ?? nodeEconomy, now, body.OfficeTimeZone)
            : body.Reference!.Trim();
        var based = await selectivity.GetAsync(db, nodeEconomy, clock, ct);
        var parsed = body.ToDetails(reference, based.Reference.Economies);
        if (!parsed.IsOk)
        {
            return Result<DeclarationResponse>.Fail(parsed.Errors);
        }

        var details = parsed.Value!;
        if (details.RefusesLodgementBy(actor.Role, actor.OperatorTin) is { } refused)
        {
            return refused;
        }

        if (await PlatformParty.Unregistered(db, details, ct) is { } unregistered)
        {
            return unregistered;
        }

        // A reference OpenAeo made up now is new; one the declarant gave may be taken (the unique index settles a race).
        if (!string.IsNullOrWhiteSpace(body.Reference) && await db.Declarations().AnyAsync(d => d.Reference == details.Reference, ct))
        {
            return Exists(details.Reference);
        }

        var snapshot = await SelectivitySnapshot.LoadAsync(
            db,
            nodeEconomy,
            [.. details.Parties.Select(p => p.Tin.Value)],
            clock,
            ct,
            based,
            selectivity
        );
        var decided = snapshot.Decide(details, now);
        var arrival = body.ArrivalAt?.ToUniversalTime();
        Lodged Stage(NewRows rows)
        {
            var (row, events, cases) = DeclarationRows.For(decided, id, actor.Name, arrival, null, now);
            rows.Add(row);
            rows.AddRange(row.Items);
            rows.AddRange(events);
            rows.AddRange(cases);
            rows.Add(
                AuditEntry.Create(
                    now,
                    actor.Name,
                    "declaration.lodged",
                    $"declaration:{row.Reference}",
                    null,
                    new
                    {
                        row.Id,
                        lane = row.Lane.ToString(),
                        row.Score,
                        importerTin = row.ImporterTin,
                    }
                )
            );
            return new Lodged(row, events, cases);
        }

        Lodged lodged;
        try
        {
            // Inside a transaction (an Idempotency-Key's, whose answer must commit with the lodging) the rows go with it:
            // the shared writer's own connection would wait for that transaction's lock on SQLite.
            if (writes is null || db.Database.CurrentTransaction is not null)
            {
                var rows = new NewRows();
                lodged = Stage(rows);
                rows.AddTo(db);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // Concurrent lodgings share one transaction (ADR 0057); this one's failure is its own.
                lodged = await writes.SaveAsync(Stage, ct);
            }
        }
        catch (Exception e) when (UniqueViolations.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            if (numbered && renumberings > 0 && db.Database.CurrentTransaction is null)
            {
                // A number this node made met one another node made in the same millisecond: the next number is free. (Inside
                // an Idempotency-Key's transaction the refusal has spoiled the transaction, so the lodging is refused as before.)
                return await LodgeAsync(body, actor, db, nodeEconomy, selectivity, numbers, clock, writes, renumberings - 1, ct);
            }

            // Lodged by someone else between the check above and this insert: the same answer as the check's.
            return Exists(details.Reference);
        }

        new LaneTally().Add(decided.Decision).CountCommitted("api");
        return Result<DeclarationResponse>.Ok(Declarations.Response(lodged.Row, lodged.Cases, lodged.Events, actor, decided.Decision));
    }

    private sealed record Lodged(Declaration Row, List<DeclarationEvent> Events, List<AgencyCase> Cases);

    private static DomainError Exists(string reference) =>
        new("declaration.exists", $"A declaration {reference} exists already.", "reference");
}
