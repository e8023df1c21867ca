using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Platform.Persistence;
using OpenAeo.Platform.Web;
using OpenAeo.Registry;

namespace OpenAeo.Clearance;

/// <summary>One declaration with its events, agency cases and explanation, for whoever may see it.</summary>
internal static class GetDeclaration
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/declarations/{id:guid}", Handle).WithName(nameof(GetDeclaration)).WithTags("Clearance")
            .RequireAuthorization(ClearanceModule.DeclarationReaders)
            .WithSummary("A declaration with its events, agency cases and explanation (a safe version for traders).");

    public static async Task<Results<Ok<DeclarationResponse>, ProblemHttpResult>> Handle(Guid id, ClaimsPrincipal user, OpenAeoDb db, CancellationToken ct)
    {
        var actor = Actor.From(user)!;
        var found = await Load(db, id, ct);
        return found is null || !Declarations.CanSee(actor, found.Value.Row, found.Value.Cases)
            ? Problems.NotFound($"No declaration {id}.")
            : TypedResults.Ok(Declarations.Response(found.Value.Row, found.Value.Cases, found.Value.Events, actor));
    }

    public static async Task<(Declaration Row, List<AgencyCase> Cases, List<DeclarationEvent> Events)?> Load(OpenAeoDb db, Guid id, CancellationToken ct, bool track = false)
    {
        var query = track ? db.Declarations() : db.Declarations().AsNoTracking();
        var row = await query.Include(d => d.Items).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (row is null)
        {
            return null;
        }

        var cases = track ? db.AgencyCases() : db.AgencyCases().AsNoTracking();
        return (row, await cases.Where(c => c.DeclarationId == id).ToListAsync(ct),
            await db.DeclarationEvents().AsNoTracking().Where(e => e.DeclarationId == id).OrderBy(e => e.Id).ToListAsync(ct));
    }
}
