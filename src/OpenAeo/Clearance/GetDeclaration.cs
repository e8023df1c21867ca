using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>One declaration with its events, agency cases and explanation, for whoever may see it.</summary>
internal static class GetDeclaration
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/declarations/{id:guid}", Handle);

    [Authorize(ClearanceModule.DeclarationReaders)]
    [EndpointSummary("A declaration with its events, agency cases and explanation (a safe version for traders).")]
    public static async Task<Results<Ok<DeclarationResponse>, ProblemHttpResult>> Handle(
        Guid id,
        ClaimsPrincipal user,
        OpenAeoDb db,
        CancellationToken ct
    )
    {
        var outcome = await Execute(id, Actor.From(user)!, db, ct);
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : Problems.Problem(outcome.Errors)!;
    }

    /// <summary>The declaration as the actor may read it; one it may not see is not found, so its existence is not disclosed.</summary>
    public static async Task<Result<DeclarationResponse>> Execute(Guid id, Actor actor, OpenAeoDb db, CancellationToken ct) =>
        await Load(db, id, ct) is { } found && Declarations.CanSee(actor, found.Row, found.Cases)
            ? Result<DeclarationResponse>.Ok(Declarations.Response(found.Row, found.Cases, found.Events, actor))
            : new DomainError(Problems.NotFoundCode, $"No declaration {id}.");

    public static async Task<(Declaration Row, List<AgencyCase> Cases, List<DeclarationEvent> Events)?> Load(
        OpenAeoDb db,
        Guid id,
        CancellationToken ct,
        bool track = false
    )
    {
        var query = track ? db.Declarations() : db.Declarations().AsNoTracking();
        var row = await query.Include(d => d.Items).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var cases = track ? db.AgencyCases() : db.AgencyCases().AsNoTracking();
        return (
            row,
            await cases.Where(c => c.DeclarationId == id).ToListAsync(ct),
            await db.DeclarationEvents().AsNoTracking().Where(e => e.DeclarationId == id).OrderBy(e => e.Id).ToListAsync(ct)
        );
    }
}
